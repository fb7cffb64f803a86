import fc from 'fast-check';

/**
 * Small random policies that load cleanly: two or three zones (some dual-stack, some isolated, some labelled), groups
 * with nested and whole-zone prefixes, flows (some expired) and guardrails (some with exceptions) over every kind of
 * endpoint: groups, zones, labels, externals known by DNS name, literal prefixes and addresses, external and any.
 */
const SERVICES = ['tcp/22', 'tcp/443', 'tcp/1000-2000', 'udp/53', 'icmp/echo-request', 'icmpv6/echo-request', 'proto/50', 'any', 'ssh', 'https', 'dns', 'ping'];
const V4_GROUP_PREFIXES = (i: number) => [`10.${i}.0.0/25`, `10.${i}.0.128/25`, `10.${i}.0.64/26`, `10.${i}.0.16/28`, `10.${i}.0.200/29`];
const V6_GROUP_PREFIXES = (i: number) => [`fd00:${i}::/72`, `fd00:${i}:0:0:100::/72`];
/**
 * Two externals known by DNS name: n0 (labelled red) stands for whatever its name resolves to; n1 is resolved by the
 * policy, inside a literal prefix. A platform without FQDN objects cannot match n0 (WL713): tests that render one
 * append RANDOM_DNS, which resolves it.
 */
const EXTERNALS = ['externals:', '  n0: { fqdn: a.vendor.example, labels: ["red"] }', '  n1: { fqdn: b.vendor.example, addresses: ["192.0.2.200", "2001:db8::200"] }'];
export const RANDOM_DNS = 'dns:\n  a.vendor.example: ["198.51.100.9", "2001:db8:1::9"]\n';
const LITERALS = ['192.0.2.0/24', '192.0.2.128/25', '2001:db8::/64', '10.0.0.77', '10.1.0.0/26', 'fd00:1::5'];

interface ZoneSpec {
  v6: boolean;
  monitor: boolean;
  isolation: boolean;
  labels: string[];
  via: string;
  groups: { prefixes: number[]; whole: boolean; labels: string[] }[];
}

const zoneSpec = (modes: boolean) => fc.record({
  v6: fc.boolean(),
  monitor: modes ? fc.boolean() : fc.constant(false),
  isolation: fc.boolean(),
  labels: fc.subarray(['red', 'blue']),
  via: fc.constantFrom('ep1', 'ep2'),
  groups: fc.array(
    fc.record({
      prefixes: fc.uniqueArray(fc.nat(6), { minLength: 1, maxLength: 2 }),
      whole: fc.boolean(),
      labels: fc.subarray(['red', 'blue']),
    }),
    { maxLength: 3 },
  ),
});

export interface RandomPolicy {
  yaml: string;
  /** Every endpoint name a query may use, for picking questions. */
  endpoints: string[];
}

export const randomPolicy: fc.Arbitrary<RandomPolicy> = policies(false);

/** The same, with monitor mode: zones and guardrails in `mode: monitor` at random (model/monitor.ts). */
export const randomMonitoredPolicy: fc.Arbitrary<RandomPolicy> = policies(true);

function policies(modes: boolean): fc.Arbitrary<RandomPolicy> {
  return fc
  .array(zoneSpec(modes), { minLength: 2, maxLength: 3 })
  .chain((zones) => {
    const { lines, names } = zoneAndGroupLines(zones);
    const endpoints = [...names, 'n0', 'n1', 'label:red', 'label:blue', 'external', 'any', ...LITERALS];
    // Questions name only labels something carries (the simulator refuses the others); flows may name any.
    const carried = new Set(['red', ...zones.flatMap((z) => [...z.labels, ...z.groups.flatMap((g) => g.labels)])]);
    const askable = endpoints.filter((e) => !e.startsWith('label:') || carried.has(e.slice(6)));
    const endpointList = fc.uniqueArray(fc.constantFrom(...endpoints), { minLength: 1, maxLength: 2 });
    const flow = fc.record({
      from: endpointList,
      to: endpointList,
      services: fc.uniqueArray(fc.constantFrom(...SERVICES), { minLength: 1, maxLength: 2 }),
      expires: fc.constantFrom(undefined, '2026-01-01', '2027-01-01'),
    });
    const guardrail = fc.record({
      from: endpointList,
      to: endpointList,
      services: fc.uniqueArray(fc.constantFrom(...SERVICES), { maxLength: 2 }),
      exceptions: fc.uniqueArray(fc.nat(5), { maxLength: 2 }),
      monitor: modes ? fc.boolean() : fc.constant(false),
    });
    return fc.record({ flows: fc.array(flow, { minLength: 1, maxLength: 6 }), guardrails: fc.array(guardrail, { maxLength: 3 }) }).map(({ flows, guardrails }) => {
      const out = [...lines, ...EXTERNALS, 'flows:'];
      flows.forEach((f, k) => {
        out.push(`  - id: f${k}`, `    from: ${list(f.from)}`, `    to: ${list(f.to)}`, `    services: ${list(f.services)}`);
        if (f.expires) out.push(`    expires: ${f.expires}`);
      });
      if (guardrails.length > 0) out.push('guardrails:');
      guardrails.forEach((g, k) => {
        const never = [`from: ${list(g.from)}`, `to: ${list(g.to)}`, ...(g.services.length > 0 ? [`services: ${list(g.services)}`] : [])];
        out.push(`  - id: rail${k}`, `    never: { ${never.join(', ')} }`, '    why: random', ...(g.monitor ? ['    mode: monitor'] : []));
        const exceptions = g.exceptions.filter((e) => e < flows.length);
        if (exceptions.length > 0) out.push('    exceptions:', ...exceptions.map((e) => `      - { flow: f${e}, why: random }`));
      });
      out.push('enforcement:', '  ep1: { platform: cisco-ios }', '  ep2: { platform: linux-nftables }');
      return { yaml: `${out.join('\n')}\n`, endpoints: askable };
    });
  });
}

function list(items: readonly string[]): string {
  return `[${items.map((i) => `"${i}"`).join(', ')}]`;
}

function zoneAndGroupLines(zones: ZoneSpec[]): { lines: string[]; names: string[] } {
  const lines = ['wardline: 1', 'zones:'];
  const groupLines = ['groups:'];
  const names: string[] = [];
  zones.forEach((z, i) => {
    const subnets = [`10.${i}.0.0/24`, ...(z.v6 ? [`fd00:${i}::/64`] : [])];
    const labels = z.labels.length > 0 ? `, labels: ${list(z.labels)}` : '';
    lines.push(`  z${i}: { subnets: ${list(subnets)}, via: ${z.via}, isolation: ${z.isolation}${labels}${z.monitor ? ', mode: monitor' : ''} }`);
    names.push(`z${i}`);
    const candidates = [...V4_GROUP_PREFIXES(i), ...(z.v6 ? V6_GROUP_PREFIXES(i) : [])];
    const used = new Set<string>();
    let whole = false;
    z.groups.forEach((g, j) => {
      // One group at most may stand for the whole zone; no prefix is claimed twice.
      const mine = g.whole && !whole ? [] : g.prefixes.map((p) => candidates[p % candidates.length]!).filter((p) => !used.has(p));
      if (mine.length === 0 && !(g.whole && !whole)) return;
      if (mine.length === 0) whole = true;
      for (const p of mine) used.add(p);
      const groupLabels = g.labels.length > 0 ? `, labels: ${list(g.labels)}` : '';
      const addresses = mine.length > 0 ? `, addresses: ${list(mine)}` : '';
      groupLines.push(`  g${i}${j}: { zone: z${i}${addresses}${groupLabels} }`);
      names.push(`g${i}${j}`);
    });
  });
  return { lines: groupLines.length > 1 ? [...lines, ...groupLines] : lines, names };
}
