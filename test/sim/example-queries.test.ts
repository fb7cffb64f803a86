import { describe, expect, it } from 'vitest';
import { exampleSimulator } from './example.js';
import { addressKey, parseAddress, parsePrefix, prefixBounds } from '../../src/net/address.js';

/**
 * What an auditor asks of St. Example General, with the answer they expect and the intent that must decide it
 * (the first of decidedBy: a flow or guardrail id, `default`, `isolation:<zone>`, or `-` when no packet exists).
 * Dates as of 2026-11-28: vendor-monitor-support expired on 2026-06-30, vendor-pump-support runs to 2027-03-31.
 */
const TABLE: [from: string, to: string, service: string | undefined, verdict: string, decider: string][] = [
  // Clinical workflows that must work
  ['infusion-pumps-4e', 'pump-server', 'https', 'allow', 'pumps-to-pump-server'],
  ['infusion-pumps-5', 'pump-server', 'pump-mgmt', 'allow', 'pumps-to-pump-server'],
  ['infusion-pumps-4e', 'pump-server', 'tcp/9443', 'allow', 'pumps-to-pump-server'],
  ['infusion-pumps-4e', 'pump-server', undefined, 'partial', 'pumps-to-pump-server'],
  ['infusion-pumps-4e', 'hl7-engine', 'hl7-mllp', 'allow', 'pumps-to-hl7-engine'],
  ['bcma-scanners', 'med-admin-server', 'https', 'allow', 'bcma-to-medication-servers'],
  ['icu-monitors', 'central-stations', 'monitor-feed', 'allow', 'monitors-to-central-stations'],
  ['monitors-5', 'central-stations', 'udp/24102', 'allow', 'monitors-to-central-stations'],
  ['central-stations', 'hl7-engine', 'hl7-mllp', 'allow', 'central-stations-to-hl7-engine'],
  ['ct-scanners', 'pacs', 'dicom', 'allow', 'modalities-to-pacs'],
  ['pacs', 'ct-scanners', 'dicom', 'allow', 'pacs-to-modalities'],
  ['lab-analyzers', 'lis', 'hl7-mllp', 'allow', 'analyzers-to-lis'],
  ['lab-workstations', 'lis', 'https', 'allow', 'lab-workstations-to-lis'],
  ['infusion-pumps-5', 'dns-ntp-servers', 'ntp', 'allow', 'medical-to-dns-ntp'],
  ['label:medical', 'syslog-collectors', 'syslog', 'allow', 'medical-to-syslog'],
  ['dc-servers', 'dns-ntp-servers', 'dns', 'allow', 'it-to-dns-ntp'],
  ['staff', 'emr-app', 'https', 'allow', 'staff-to-emr'],
  ['staff', 'web-proxy', 'http-proxy', 'allow', 'staff-to-web-proxy'],
  ['web-proxy', '8.8.8.8', 'https', 'allow', 'web-proxy-to-internet'],
  ['guest-wifi', '8.8.8.8', 'https', 'allow', 'guest-to-internet'],
  ['biomed-workstations', 'infusion-pumps-4e', 'ping', 'allow', 'biomed-to-pumps'],
  ['biomed-workstations', 'icu-monitors', 'ssh', 'allow', 'biomed-to-monitors'],
  // An address inside a group, a prefix inside a group, and the IPv6 side of the dual-stack zones
  ['10.20.1.57', '10.50.10.20', 'https', 'allow', 'pumps-to-pump-server'],
  ['10.20.1.0/25', 'pump-server', 'https', 'allow', 'pumps-to-pump-server'],
  ['fd4e:1c2a:7b00:140:1::25', 'fd4e:1c2a:7b00:1050::10:20', 'https', 'allow', 'pumps-to-pump-server'],
  ['fd4e:1c2a:7b00:140:1::25', 'fd4e:1c2a:7b00:1050::10:30', 'hl7-mllp', 'allow', 'pumps-to-hl7-engine'],
  ['fd4e:1c2a:7b00:140:2::9', 'fd4e:1c2a:7b00:1051::10', 'dns', 'allow', 'medical-to-dns-ntp'],
  ['fd4e:1c2a:7b00:140:2::9', 'dns-ntp-servers', 'icmpv6/echo-request', 'deny', 'default'],
  ['fd4e:1c2a:7b00:140:1::25', '10.50.10.20', 'https', 'deny', '-'],
  ['biomed-workstations', 'infusion-pumps-4e', 'icmpv6/echo-request', 'deny', '-'],
  // The vendors: one contract live and excepted from the ssh guardrail, one lapsed
  ['pump-vendor-remote', 'infusion-pumps-5', 'ssh', 'allow', 'vendor-pump-support'],
  ['pump-vendor-remote', '10.20.1.200', 'ssh', 'allow', 'vendor-pump-support'],
  ['pump-vendor-remote', 'fd4e:1c2a:7b00:140:1::25', 'ssh', 'deny', '-'],
  ['monitor-vendor-remote', 'icu-monitors', 'ssh', 'deny', 'default'],
  ['pump-vendor-remote', 'pump-server', 'ssh', 'deny', 'no-vendor-to-clinical-servers'],
  ['pump-vendor-remote', 'icu-monitors', 'ssh', 'deny', 'default'],
  ['vendor-vpn', 'infusion-pumps-4e', undefined, 'partial', 'vendor-pump-support'],
  ['any', 'infusion-pumps-4e', 'ssh', 'partial', 'vendor-pump-support'],
  // Exposure the hospital must never have
  ['guest-wifi', 'infusion-pumps-4e', undefined, 'deny', 'no-untrusted-to-medical'],
  ['guest-wifi', 'emr-app', 'https', 'deny', 'default'],
  ['staff', 'icu-monitors', undefined, 'deny', 'no-staff-to-medical'],
  ['staff', 'infusion-pumps-5', 'ssh', 'deny', 'no-staff-to-medical'],
  ['staff', '8.8.8.8', 'https', 'deny', 'default'],
  ['external', 'infusion-pumps-4e', undefined, 'deny', 'no-external-to-medical'],
  ['8.8.8.8', 'infusion-pumps-4e', 'https', 'deny', 'no-external-to-medical'],
  ['infusion-pumps-4e', '8.8.8.8', 'https', 'deny', 'no-medical-to-external'],
  ['bcma-scanners', 'external', 'https', 'deny', 'no-medical-to-external'],
  ['biomed-workstations', 'infusion-pumps-4e', 'ssh', 'deny', 'no-ssh-to-pumps'],
  ['infusion-pumps-4e', 'infusion-pumps-5', undefined, 'deny', 'no-ssh-to-pumps'],
  ['pump-server', 'infusion-pumps-4e', 'https', 'deny', 'default'],
  ['pacs', 'ct-scanners', 'https', 'deny', 'default'],
  ['10.20.3.9', 'pump-server', 'https', 'deny', 'default'],
  // Traffic that stays inside one zone, and traffic this policy never sees
  ['infusion-pumps-4e', 'monitors-4e', undefined, 'deny', 'isolation:ward4e-devices'],
  ['guest-wifi', 'guest-wifi', 'https', 'deny', 'isolation:guest-wifi'],
  ['ct-scanners', 'mri-scanners', 'dicom', 'same-segment', '-'],
  ['lab-analyzers', 'lab-workstations', undefined, 'same-segment', '-'],
  ['staff', 'staff', 'smb', 'same-segment', '-'],
  ['8.8.8.8', '1.1.1.1', undefined, 'unrouted', '-'],
];

function deciderName(d: { kind: string; id?: string } | undefined): string {
  if (d === undefined) return '-';
  if (d.kind === 'default') return 'default';
  return d.kind === 'isolation' ? `isolation:${d.id}` : d.id!;
}

describe('auditor questions on the example hospital', () => {
  it('has at least 40 questions, each asked once', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(40);
    expect(new Set(TABLE.map(([f, t, s]) => `${f} ${t} ${s}`)).size).toBe(TABLE.length);
  });

  for (const [from, to, service, verdict, decider] of TABLE) {
    it(`${from} → ${to} (${service ?? 'any service'}): ${verdict}, decided by ${decider}`, async () => {
      const sim = await exampleSimulator();
      const answer = sim.query(from, to, service);
      expect({ verdict: answer.verdict, decider: deciderName(answer.decidedBy[0]) }).toEqual({ verdict, decider });
    });
  }
});

describe('what the answers say besides the verdict', () => {
  it('pumps → pump server: the flow with its file:line, an example packet, both enforcement points in order', async () => {
    const answer = (await exampleSimulator()).query('infusion-pumps-4e', 'pump-server', 'https');
    expect(answer.decidedBy).toEqual([
      { kind: 'flow', id: 'pumps-to-pump-server', file: 'flows.yaml', line: 9, services: 'tcp/443' },
    ]);
    expect(answer.example).toEqual({ src: '10.20.1.1', dst: '10.50.10.20', service: 'tcp/443' });
    expect(answer.path).toEqual([
      { point: 'ward4-sw', platform: 'cisco-ios', direction: 'in', zone: 'ward4e-devices' },
      { point: 'dc-fw', platform: 'paloalto-panos', direction: 'out', zone: 'dc-servers' },
    ]);
    expect(answer.replies).toBeNull();
  });

  it('pump server → pumps: denied by default, and the replies of the pumps’ own connections are allowed', async () => {
    const answer = (await exampleSimulator()).query('pump-server', 'infusion-pumps-4e', 'https');
    expect(answer.decidedBy).toEqual([{ kind: 'default', services: 'tcp/443' }]);
    expect(answer.replies?.decidedBy.map((d) => d.id)).toEqual(['pumps-to-pump-server']);
    expect(answer.replies?.example).toEqual({ src: '10.20.1.1', dst: '10.50.10.20', service: 'tcp/443' });
  });

  it('no replies note when the other direction is not allowed either', async () => {
    expect((await exampleSimulator()).query('guest-wifi', 'emr-app', 'https').replies).toBeNull();
  });

  it('guest → pumps over ssh: both guardrails, in file order, each with what it forbids', async () => {
    const answer = (await exampleSimulator()).query('guest-wifi', 'infusion-pumps-4e', 'ssh');
    expect(answer.decidedBy.map((d) => [d.id, d.line, d.services])).toEqual([
      ['no-untrusted-to-medical', 7, 'tcp/22'],
      ['no-ssh-to-pumps', 23, 'tcp/22'],
    ]);
  });

  it('the lapsed monitor vendor contract is named, with the day it ended', async () => {
    const answer = (await exampleSimulator()).query('monitor-vendor-remote', 'icu-monitors', 'ssh');
    expect(answer.expired).toEqual([{ id: 'vendor-monitor-support', file: 'flows.yaml', line: 137, expires: '2026-06-30' }]);
  });

  it('a partial answer gives each part its services, addresses, deciders and an example', async () => {
    const answer = (await exampleSimulator()).query('biomed-workstations', 'infusion-pumps-5');
    expect(answer.parts.map((p) => [p.verdict, p.services, p.sources, p.destinations, `${p.example.src} ${p.example.dst} ${p.example.service}`])).toEqual([
      ['allow', 'icmp/echo-request, tcp/443, tcp/8443, tcp/9443', '10.60.0.32/27', '10.30.1.0/24', '10.60.0.33 10.30.1.1 tcp/443'],
      ['deny', 'any except icmp/echo-request, tcp/443, tcp/8443, tcp/9443', '10.60.0.32/27', '10.30.1.0/24', '10.60.0.33 10.30.1.1 tcp/1'],
    ]);
    expect(answer.parts[1]!.decidedBy.map((d) => [d.kind, d.id, d.services])).toEqual([
      ['guardrail', 'no-ssh-to-pumps', 'tcp/22'],
      ['default', undefined, 'any except icmp/echo-request, tcp/22, tcp/443, tcp/8443, tcp/9443'],
    ]);
  });

  it('a zone and its own switch: both entries of the path even on one device', async () => {
    const answer = (await exampleSimulator()).query('staff', 'infusion-pumps-5', 'ssh');
    expect(answer.path.map((h) => `${h.point} ${h.direction} ${h.zone}`)).toEqual(['bldgb-core in staff', 'bldgb-core out ward5-devices']);
  });

  it('traffic to the internet has one enforcement point; traffic inside a zone has none and says so', async () => {
    const sim = await exampleSimulator();
    expect(sim.query('guest-wifi', '8.8.8.8', 'https').path.map((h) => h.point)).toEqual(['edge-fw']);
    const same = sim.query('ct-scanners', 'mri-scanners', 'dicom');
    expect(same.path).toEqual([]);
    expect(same.notes).toEqual(['traffic inside zone imaging stays on one segment: no enforcement point sees it, so nothing filters it']);
  });

  it('a question across families has no packet, and says why', async () => {
    const answer = (await exampleSimulator()).query('fd4e:1c2a:7b00:140:1::25', '10.50.10.20', 'https');
    expect(answer.parts).toEqual([]);
    expect(answer.notes[0]).toMatch(/share no address family/);
  });

  it('unknown names are refused with a suggestion', async () => {
    const sim = await exampleSimulator();
    expect(() => sim.query('infusion-pumps', 'pump-server')).toThrow(/is not a group, zone or external of this policy; did you mean "infusion-pumps-/);
    expect(() => sim.query('label:medicl', 'pump-server')).toThrow(/did you mean "label:medical"/);
    expect(() => sim.query('staff', 'pump-server', 'htps')).toThrow(/did you mean "https"/);
    expect(() => sim.query('10.20.1.300', 'pump-server')).toThrow(/not a valid IPv4 address/);
    expect(() => sim.query('staff', 'pump-server', 'tcp/0')).toThrow(/out of range/);
  });

  it('a name of a million characters is refused at once, with a short message', async () => {
    const sim = await exampleSimulator();
    const start = performance.now();
    const messages = [
      () => sim.answerOnce('a'.repeat(1_000_000), 'pump-server'),
      () => sim.answerOnce('staff', `label:${'m'.repeat(100_000)}`),
      () => sim.answerOnce('staff', `fd00::${':1'.repeat(100_000)}`),
      () => sim.answerOnce('staff', 'pump-server', `tcp/${'4'.repeat(100_000)}`),
    ].map((ask) => {
      try {
        ask();
      } catch (err) {
        return (err as Error).message;
      }
      return 'answered';
    });
    expect(performance.now() - start).toBeLessThan(2000);
    expect(messages[0]).toBe(`"${'a'.repeat(57)}..." is 1000000 characters: no endpoint is longer than 128`);
    expect(messages[1]).toMatch(/^"label:m+\.\.\." is 100006 characters: no endpoint is longer than 128$/);
    expect(messages[2]).toMatch(/ is 200006 characters: no endpoint is longer than 128$/);
    expect(messages[3]).toMatch(/ is 100004 characters: no service is longer than 128$/);
  });
});

describe('example packets look like real traffic', () => {
  const inside = (address: string, ...prefixes: string[]) => prefixes.some((p) => inPrefix(address, p));

  it('a guest example starts at a guest host, not at the zone gateway 172.20.0.1, and an internet one goes to a public address', async () => {
    const sim = await exampleSimulator();
    const answer = sim.query('guest-wifi', 'external', 'https');
    expect(answer.example).toEqual({ src: '172.20.0.2', dst: '1.0.0.1', service: 'tcp/443' });
    for (const part of sim.query('guest-wifi', 'external').parts) {
      expect(part.example.src).not.toBe('172.20.0.1');
      expect(inside(part.example.dst, '0.0.0.0/8', '10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10')).toBe(false);
    }
  });

  it('no example of any zone to any zone or the internet starts or ends at a gateway or a network address', async () => {
    const sim = await exampleSimulator();
    const zones = [...sim.policy.zones.values()];
    const gateways = new Set(zones.flatMap((z) => z.gateways.map((g) => g.text)));
    const networks = new Set(zones.flatMap((z) => z.subnets.map((s) => s.text.split('/')[0]!)));
    for (const from of zones) {
      for (const to of [...zones.map((z) => z.name), 'external']) {
        for (const part of sim.query(from.name, to).parts) {
          for (const address of [part.example.src, part.example.dst]) {
            expect(gateways.has(address), `${from.name} → ${to}: ${address}`).toBe(false);
            expect(networks.has(address), `${from.name} → ${to}: ${address}`).toBe(false);
          }
        }
      }
    }
  });

  it('explain and its overlaps show hosts too', async () => {
    const explained = (await exampleSimulator()).explain('no-untrusted-to-medical');
    const examples = [...explained.effect.map((p) => p.example), ...explained.overlaps.map((o) => o.example)];
    expect(examples.length).toBeGreaterThan(1);
    for (const e of examples) expect([e.src, e.dst]).not.toContain('172.20.0.1');
    // An untrusted zone's first host (the guest Wi-Fi's or the quarantine's) towards a pump, never a gateway.
    expect(explained.overlaps.map((o) => `${o.example.src} → ${o.example.dst}`).some((x) => /^(172\.20|10\.99)\.0\.2 → 10\.20\.1\.1$/.test(x))).toBe(true);
  });
});

function inPrefix(address: string, prefix: string): boolean {
  const a = parseAddress(address)!;
  const p = parsePrefix(prefix);
  if ('error' in p || p.prefix.family !== a.family) return false;
  const [lo, hi] = prefixBounds(p.prefix);
  const key = addressKey(a.family, a.value);
  return key >= lo && key <= hi;
}
