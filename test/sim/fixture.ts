import { loadPolicy } from '../../src/lang/load-policy.js';
import type { Policy } from '../../src/model/policy.js';
import { TODAY } from '../support/policy.js';

/**
 * A small hospital for simulator tests: a dual-stack isolated ward, a data centre and a guest network on one switch,
 * a firewall for the internet; one live flow, one expired, a guardrail with an excepted flow.
 */
export const SMALL = `wardline: 1
zones:
  ward:
    vlan: 120
    subnets: [10.20.0.0/22, fd00:20::/64]
    via: sw1
    labels: [medical]
    isolation: true
  dc:
    vlan: 500
    subnets: [10.50.0.0/24]
    via: sw1
  guest:
    vlan: 900
    subnets: [172.16.0.0/16]
    via: fw1
    labels: [untrusted]
groups:
  pumps:
    zone: ward
    addresses: [10.20.1.0/24, fd00:20::100/120]
    labels: [medical]
  monitors: { zone: ward, addresses: [10.20.2.0/24] }
  pump-server: { zone: dc, addresses: [10.50.0.20] }
  vendor: { zone: guest, addresses: [172.16.9.0/24] }
flows:
  - id: pumps-to-server
    from: pumps
    to: pump-server
    services: [https, tcp/8443]
  - id: old-vendor
    from: vendor
    to: pump-server
    services: [ssh]
    expires: 2026-01-01
  - id: vendor-to-pumps
    from: vendor
    to: pumps
    services: [ssh]
  - id: guest-out
    from: guest
    to: external
    services: [https]
guardrails:
  - id: no-guest
    never: { from: guest, to: label:medical }
    why: Guests never reach devices
    exceptions:
      - { flow: vendor-to-pumps, why: contract }
enforcement:
  sw1: { platform: cisco-ios }
  fw1: { platform: paloalto-panos }
`;

export function small(extra = '', today = TODAY): Policy {
  const loaded = loadPolicy([{ path: 'p.yaml', text: SMALL + extra }], { today });
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((d) => d.message).join('\n'));
  return loaded.policy;
}
