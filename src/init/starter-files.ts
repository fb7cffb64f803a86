import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { schemaText } from '../lang/schema.js';
import { standardCatalogPath } from '../lang/source-files.js';

/** The package's root directory (where policies/ and examples/ are). */
const packageRoot = () => dirname(dirname(standardCatalogPath()));

const STARTER_POLICY = `# yaml-language-server: $schema=../wardline.schema.json
# Starter policy: one clinical device VLAN, one server zone, the guest Wi-Fi. Replace it with your network.
wardline: 1

zones:
  ward-devices:
    vlan: 120
    subnets: [10.20.0.0/22]
    gateway: 10.20.0.1
    via: core-fw
    labels: [medical]
    description: Bedside devices
  servers:
    vlan: 300
    subnets: [10.50.0.0/24]
    gateway: 10.50.0.1
    via: core-fw
    description: Clinical servers
  guest-wifi:
    vlan: 900
    subnets: [172.16.0.0/16]
    gateway: 172.16.0.1
    via: core-fw
    labels: [untrusted]
    description: Patient and visitor Wi-Fi
%QUARANTINE%
groups:
  infusion-pumps:
    zone: ward-devices
    addresses: [10.20.1.0/24]
    owner: biomed@example.org
    labels: [medical]
%PUMP_IDENTITIES%  pump-server:
    zone: servers
    addresses: [10.50.0.20]
    owner: biomed@example.org

flows:
  - id: pumps-to-pump-server
    from: infusion-pumps
    to: pump-server
    services: [https]
    why: Drug library updates and event logs
    owner: biomed@example.org
    ticket: CHG-0001

guardrails:
  - id: no-guest-to-medical
    never: { from: "label:untrusted", to: "label:medical" }
    why: Guest devices must never reach clinical equipment

expect:
  - can: { from: infusion-pumps, to: pump-server, service: https }
  - cannot: { from: guest-wifi, to: infusion-pumps }

enforcement:
  core-fw: { platform: linux-nftables, description: Core router between the device and server VLANs and the guest Wi-Fi }
%NAC_POINT%`;

/** `init --nac`: which devices are pumps (MAB by OUI, 802.1X), where unknown devices go, and the RADIUS point. */
const NAC = {
  PUMP_IDENTITIES: `    identities:                          # network access control: which devices are pumps
      ouis: [ac:de:48]                   # the pump maker's OUI (this is the IEEE's example one): MAB
      dot1x: [pump-001@biomed.example.org]   # an 802.1X-capable pump
`,
  QUARANTINE: `  quarantine:
    vlan: 999
    subnets: [10.99.0.0/24]
    gateway: 10.99.0.1
    via: core-fw
    labels: [untrusted]
    description: Devices network access control does not recognise, until someone registers them

unknown-devices: { zone: quarantine }    # or { reject: true }
`,
  NAC_POINT: `  radius: { platform: freeradius, role-attribute: filter-id, description: "FreeRADIUS authorize file: VLAN and role per device (role-attribute extreme, aruba or cisco-dacl for those switches)" }
`,
};

const TEAM_README = `# Network segmentation policy

This repository holds our hospital network segmentation as [wardline](https://github.com/wardline/wardline)
intents: \`policy/\` is the policy (YAML; \`wardline.schema.json\` gives editors completion), and
\`.github/workflows/wardline.yml\` is the merge gate, \`.github/workflows/wardline-expiry.yml\` the daily expiry watch.

## Working on the policy

\`\`\`sh
npm install --global wardline
wardline check policy                       # schema, names, addressing, guardrails, expectations
wardline query policy --from infusion-pumps --to pump-server
wardline diff main --path policy            # what your change does to connectivity
wardline compile policy -o configs          # vendor configuration; commit configs/ with the change
wardline verify policy --config configs     # what the files (or the devices' running copies) decide otherwise
\`\`\`

## What the merge gate does

Every pull request runs \`wardline check\` (findings appear under code scanning), posts
\`wardline diff\` as a comment (new access into a zone or group labelled \`medical\` fails the gate),
and, once \`configs/\` is committed, fails when it is not what the policy compiles to.

Every flow says \`why\`, \`owner\` and \`ticket\`; a temporary flow says \`expires\`. Every morning the
expiry watch opens (or updates) an issue listing the flows that expire within 30 days and the expectations
that fail once they do, and fails on the day an expiry makes \`configs/\` stale: compile again then.
`;

/** Path (relative to the new repository) -> text. */
export function starterFiles(opts: { nac?: boolean } = {}): [string, string][] {
  const policy = STARTER_POLICY.replace(/%(PUMP_IDENTITIES|QUARANTINE|NAC_POINT)%/g, (_, key: keyof typeof NAC) => (opts.nac ? NAC[key] : ''));
  return [
    ['.github/workflows/wardline.yml', readFileSync(join(packageRoot(), 'examples', 'ci', 'wardline.yml'), 'utf8')],
    ['.github/workflows/wardline-expiry.yml', readFileSync(join(packageRoot(), 'examples', 'ci', 'wardline-expiry.yml'), 'utf8')],
    ['README.md', TEAM_README],
    ['policy/network.yaml', policy],
    ['wardline.schema.json', schemaText()],
  ];
}
