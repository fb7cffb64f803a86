import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

// The blood-pressure meter of the MUD corpus (beside the project, not copied into it), through the built CLI.
const METER = join(REPO, '..', 'shared', 'corpus', 'mud', 'blipcareBPmeterMud.json');
const work = mkdtempSync(join(tmpdir(), 'wardline-mud-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const MAPS = ['--map', 'controller:urn:ietf:params:mud:dns=dns-ntp-servers', '--map', 'controller:urn:ietf:params:mud:gateway=dhcp-servers'];

describe('wardline import mud', () => {
  it('imports the blood-pressure meter beside the example hospital, and the policy still passes check', async () => {
    const policy = join(work, 'hospital');
    cpSync(join(REPO, 'policies', 'example-hospital'), policy, { recursive: true });
    const out = join(policy, 'bp-meters.yaml');
    const r = await wardline(['import', 'mud', METER, '--group', 'bp-meters', '--zone', 'staff', '--policy', policy, ...MAPS, '--allow-partial', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').filter((l) => l.includes('cannot import')).map((l) => l.replace(/^.*?blipcareBPmeterMud\.json:/, ''))).toEqual([
      '135:11: cannot import: acl "to-ipv4-blipcarebpmeter" ace "to-ipv4-blipcarebpmeter-2": it matches only the replies of connections from the device to controller "urn:ietf:params:mud:gateway" on udp/67, and no ACE of the other direction allows those connections: wardline allows replies only with their connection',
      '160:11: cannot import: acl "from-ethernet-blipcarebpmeter" ace "from-ethernet-blipcarebpmeter-0": an Ethernet ACL (ethertype 0x888e, EAPOL, 802.1X): wardline intents are IP flows',
      '173:11: cannot import: acl "from-ethernet-blipcarebpmeter" ace "from-ethernet-blipcarebpmeter-1": an Ethernet ACL (ethertype 0x0006): wardline intents are IP flows',
    ]);
    const yaml = readFileSync(out, 'utf8');
    expect(yaml).toContain('  bp-meters:\n    zone: staff\n    manufacturer: "blipcarebpmeter.com"\n    description: "blipcareBPmeter"\n    identities:\n      mud-url: "https://blipcarebpmeter.com/blipcarebpmeter"\n');
    expect(yaml.match(/^ {2}- id: /gm)).toHaveLength(3);
    // The meter's cloud, by its DNS name: the staff floor's switch matches addresses only (WL713), so a resolution file gives its address.
    expect(yaml).toContain('externals:\n  tech-carematix-com:\n    fqdn: "tech.carematix.com"\n');
    expect(yaml).toContain('    to: tech-carematix-com\n');
    const dns = join(work, 'dns.yaml');
    writeFileSync(dns, 'wardline: 1\ndns:\n  tech.carematix.com: 203.0.113.10\n');
    const check = await wardline(['check', policy, '--resolve', dns, '--quiet']);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.exitCode).toBe(0);
    const q = await wardline(['query', policy, '--from', 'bp-meters', '--to', 'dns-ntp-servers', '--service', 'udp/53']);
    expect(q.stdout).toMatch(/ALLOW/);
  });

  it('writes the same bytes to stdout, and the same on every run', async () => {
    const args = ['import', 'mud', METER, '--group', 'bp-meters', '--zone', 'staff', ...MAPS, '--allow-partial'];
    const [a, b] = await Promise.all([wardline(args), wardline(args)]);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout).toMatch(/^# Imported by `wardline import mud`/);
    // The README shows this output as it is.
    expect(readFileSync(join(REPO, 'README.md'), 'utf8')).toContain(`\`\`\`yaml\n${a.stdout}\`\`\``);
  });

  it('without --allow-partial: exit 1, every problem reported, nothing written', async () => {
    const out = join(work, 'partial.yaml');
    const r = await wardline(['import', 'mud', METER, '--group', 'bp-meters', '--zone', 'staff', '-o', out]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.match(/cannot import/g)).toHaveLength(5);
    expect(r.stderr).toContain('5 ACEs cannot be represented: nothing written');
    expect(existsSync(out)).toBe(false);
  });

  it('in a medical zone of --policy: what the guardrails forbid is reported at the ACE before any merge, exit 1', async () => {
    const r = await wardline(['import', 'mud', METER, '--group', 'bp-meters', '--zone', 'ward4e-devices', '--policy', join(REPO, 'policies', 'example-hospital'), ...MAPS]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    const conflicts = r.stderr.split('\n').filter((l) => l.includes(': conflict: ')).map((l) => l.replace(/^.*?blipcareBPmeterMud\.json:/, ''));
    expect(conflicts).toEqual([
      expect.stringMatching(/^32:11: conflict: acl "from-ipv4-blipcarebpmeter" ace "from-ipv4-blipcarebpmeter-0": flow bp-meters-mud-1 would allow tcp\/8777 from bp-meters to tech-carematix-com \(tech\.carematix\.com\), which guardrail "no-medical-to-external" \(guardrails\.yaml:19:9\) forbids \(WL501 once merged\)/),
      expect.stringMatching(/^69:11: conflict: acl "from-ipv4-blipcarebpmeter" ace "from-ipv4-blipcarebpmeter-2": flow bp-meters-mud-3 would allow udp\/67 from bp-meters to 255\.255\.255\.255\/32, which guardrail "no-medical-to-external"/),
    ]);
    expect(r.stderr).toContain('wardline: 3 ACEs cannot be represented, 2 conflicts with --policy: nothing written');
  });

  it('exit 2 with file:line:col for a file that is not JSON, and for a bad --map', async () => {
    const bad = join(work, 'bad.json');
    writeFileSync(bad, '{\n  "ietf-mud:mud": {,\n');
    const r = await wardline(['import', 'mud', bad, '--group', 'g', '--zone', 'z']);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe(`wardline: ${bad}:2:20: not valid JSON: expected a key in double quotes, found ","\n`);
    const m = await wardline(['import', 'mud', METER, '--group', 'g', '--zone', 'z', '--map', 'controller=a b']);
    expect(m.exitCode).toBe(2);
    expect(m.stderr).toMatch(/^wardline: --map "controller=a b": write ABSTRACTION=ENDPOINT/);
    const none = await wardline(['import', 'mud', join(work, 'missing.json'), '--group', 'g', '--zone', 'z']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toMatch(/^wardline: cannot open .*missing\.json: no such file or directory \(ENOENT\)\n$/);
  });
});
