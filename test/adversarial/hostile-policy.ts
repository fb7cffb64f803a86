import fc from 'fast-check';
import { stringify } from 'yaml';

/**
 * Policies an attacker or a careless user could write: names from every reserved word of every target, prototype
 * names, dots, leading digits, the longest names allowed (and some not allowed at all), free text full of line
 * breaks, quotes and shell and CLI metacharacters, edge services (port 0 and 65535, whole ranges, every kind of ICMP,
 * protocol numbers wardline refuses) and edge prefixes (/0, host routes, IPv4-mapped IPv6). Each one is a YAML text
 * (written by the yaml library, so hostile strings reach wardline as the strings they are) with a benign twin: the
 * same policy with every free text replaced by `x`.
 */
export interface HostilePolicy {
  yaml: string;
  /** The same policy, its free text `x`: whatever wardline writes must have as many lines. */
  benign: string;
  /** Every platform the policy's points use. */
  platforms: string[];
}

export const PLATFORMS = [
  'cisco-ios',
  'arista-eos',
  'juniper-junos',
  'aruba-aoscx',
  'extreme-exos',
  'paloalto-panos',
  'fortinet-fortios',
  'linux-nftables',
  'linux-iptables',
] as const;

/** Words the targets' grammars reserve or generate, prototype names, and names at the edges of the name pattern. */
const RESERVED = [
  'any', 'all', 'permit', 'deny', 'term', 'then', 'from', 'edit', 'end', 'next', 'set', 'exit', 'quit', 'commit',
  'transit', 'trust', 'untrust', 'default', 'external', 'gateway', 'ip', 'ipv6', 'host', 'object-group', 'log',
  'accept', 'drop', 'reject', 'counter', 'table', 'chain', 'inet', 'filter', 'FORWARD', 'INPUT', 'wardline-input',
  'constructor', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '1bad', '0', 'a.b', 'a_b', 'A-B', 'a..b',
  'x'.repeat(64), `z${'9'.repeat(63)}`, 'vlan1', 'Vlan140',
];

/** Names outside the pattern: the schema must refuse them with a finding, never a crash. */
const ILLEGAL_NAMES = ['bad name', 'bad"name', "bad'name", 'bäd', '', '-lead', '_lead', 'x'.repeat(65), 'a;b', 'a\nb', '__proto__'];

const legalName = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...RESERVED) },
  { weight: 4, arbitrary: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,12}$/) },
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z][a-z0-9-]{2,10}$/) },
);
const anyName = fc.oneof({ weight: 8, arbitrary: legalName }, { weight: 1, arbitrary: fc.constantFrom(...ILLEGAL_NAMES) });

/** Pieces of free text: every line break and quoting character, and what the targets' CLIs read as syntax. */
const PRINTABLE_UNITS = [
  'a', 'Z', ' ', '"', "'", '`', '$(', '${', '#', ';', '!', '{', '}', '\\', '|', '>', '<', '?', '&', '%', '%s', 'é', '中', '😀',
  '\u200b', '\ufeff', '\u00a0', '*/', '/*', 'EOF', 'end', 'exit', 'next', 'commit', '-A FORWARD -j ACCEPT', 'set firewall', "it's",
];
/** Line breaks and control characters: the schema refuses them in free text (a finding, never a crash). */
const BREAKING_UNITS = ['\n', '\r', '\r\n', '\u2028', '\u2029', '\u0085', '\v', '\f', '\t', '\u0000', '\u001b[31m', '\nend\n', '\n!\n', '\nflush ruleset'];

const printableText = fc.array(fc.constantFrom(...PRINTABLE_UNITS), { minLength: 1, maxLength: 10 }).map((parts) => parts.join(''));
const anyText = fc.oneof(
  { weight: 6, arbitrary: printableText },
  { weight: 2, arbitrary: fc.array(fc.constantFrom(...PRINTABLE_UNITS, ...BREAKING_UNITS), { minLength: 1, maxLength: 12 }).map((parts) => parts.join('')) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(201)) },
);

const LEGAL_SPECS = [
  'tcp/1', 'tcp/65535', 'udp/1-65535', 'tcp/any', 'udp/53', 'sctp/1-5', 'sctp/2905', 'icmp/echo-request', 'icmp/3/4',
  'icmp/255/255', 'icmp/0', 'icmp/3', 'icmpv6/135', 'icmpv6/2/0', 'icmpv6/echo-request', 'proto/50', 'proto/112',
  'proto/58', 'any', 'https', 'ssh', 'dns', 'ping',
];
/** Specs wardline refuses (port 0, past 65535, protocol 0, extension headers, the reserved 255). */
const REFUSED_SPECS = ['tcp/0', 'udp/0-0', 'tcp/65536', 'proto/0', 'proto/43', 'proto/255', 'icmp/256'];

const LITERALS = ['0.0.0.0/0', '::/0', '255.255.255.255', '::ffff:1.2.3.4', '192.0.2.1', '2001:db8::/32', '::/1', '224.0.0.0/4', 'fe80::/10', '10.1.0.7', 'external', 'any'];

interface ZoneGen {
  name: string;
  v6: boolean;
  isolation: boolean;
  fhrp: 'none' | 'vrrp' | 'hsrp' | 'varp' | 'vsx';
  relay: boolean;
  description: string;
  groups: { name: string; kind: number; owner: string; manufacturer: string; description: string }[];
}

const zoneArb = (nameArb: fc.Arbitrary<string>, textArb: fc.Arbitrary<string>): fc.Arbitrary<ZoneGen> => fc.record({
  name: nameArb,
  v6: fc.boolean(),
  isolation: fc.boolean(),
  fhrp: fc.constantFrom('none', 'none', 'vrrp', 'hsrp', 'varp', 'vsx'),
  relay: fc.boolean(),
  description: textArb,
  groups: fc.array(fc.record({ name: nameArb, kind: fc.nat(5), owner: textArb, manufacturer: textArb, description: textArb }), { maxLength: 2 }),
});

const flowArb = (endpoints: string[], nameArb: fc.Arbitrary<string>, textArb: fc.Arbitrary<string>, specs: string[]) =>
  fc.record({
    id: nameArb,
    from: fc.constantFrom(...endpoints),
    to: fc.constantFrom(...endpoints),
    services: fc.uniqueArray(fc.constantFrom(...specs, 'svc'), { minLength: 1, maxLength: 3 }),
    why: textArb,
    owner: textArb,
    ticket: textArb,
    description: textArb,
    log: fc.boolean(),
  });

/** Group prefixes by kind, inside zone i: its whole subnet, host routes, halves, IPv6 and IPv4-mapped ones. */
function groupAddresses(i: number, kind: number, v6: boolean): string[] | undefined {
  const v4 = [`10.${i}.0.0/24`, `10.${i}.0.5`, `10.${i}.0.128/25`, `10.${i}.0.9/32`];
  if (kind === 4) return v6 ? [`fd00:${i}::1/128`, `10.${i}.0.6`] : [`10.${i}.0.6`];
  if (kind === 5) return undefined; // the whole zone
  return [v4[kind]!];
}

/**
 * Mostly policies whose every field is legal but hostile (reserved words, quotes, CLI syntax in free text), which must
 * compile; one in five with illegal names, control characters, over-long text or refused services, which must be
 * refused with findings.
 */
export const hostilePolicy: fc.Arbitrary<HostilePolicy> = fc.oneof(
  { weight: 4, arbitrary: policyArb(legalName, printableText, LEGAL_SPECS) },
  { weight: 1, arbitrary: policyArb(anyName, anyText, [...LEGAL_SPECS, ...REFUSED_SPECS]) },
);

function policyArb(nameArb: fc.Arbitrary<string>, textArb: fc.Arbitrary<string>, specs: string[]): fc.Arbitrary<HostilePolicy> {
  return fc
  .record({
    zones: fc.array(zoneArb(nameArb, textArb), { minLength: 2, maxLength: 3 }),
    points: fc.array(fc.record({ name: nameArb, platform: fc.constantFrom(...PLATFORMS), description: textArb, pair: fc.boolean() }), { minLength: 1, maxLength: 2 }),
    service: fc.uniqueArray(fc.constantFrom(...specs.filter((x) => x.includes('/'))), { minLength: 1, maxLength: 3 }),
    vlans: fc.nat(3),
  })
  .chain(({ zones, points, service, vlans }) => {
    const groupNames = zones.flatMap((z) => z.groups.map((g) => g.name));
    const endpoints = [...zones.map((z) => z.name), ...groupNames, ...LITERALS];
    return fc
      .record({
        flows: fc.array(flowArb(endpoints, nameArb, textArb, specs), { minLength: 1, maxLength: 4 }),
        guardrails: fc.array(fc.record({ id: nameArb, from: fc.constantFrom(...endpoints), to: fc.constantFrom(...endpoints), why: textArb }), { maxLength: 2 }),
      })
      .map(({ flows, guardrails }) => {
        const build = (text: (t: string) => string) => {
          const doc: Record<string, unknown> = { wardline: 1, zones: {}, groups: {}, services: { svc: service }, flows: [], guardrails: [], enforcement: {} };
          zones.forEach((z, i) => {
            const i1 = i + 1;
            const zone: Record<string, unknown> = {
              vlan: [1, 140, 4094, 2][(vlans + i) % 4],
              subnets: z.v6 ? [`10.${i1}.0.0/24`, `fd00:${i1}::/64`] : [`10.${i1}.0.0/24`],
              gateway: z.v6 ? [`10.${i1}.0.1`, `fd00:${i1}::1`] : `10.${i1}.0.1`,
              via: points[i % points.length]!.name,
              description: text(z.description),
            };
            if (z.isolation) zone.isolation = true;
            const infra: Record<string, unknown> = {};
            if (z.fhrp !== 'none') infra.fhrp = z.fhrp;
            // A relay names a few server addresses: a host group (kinds 1 and 3), else none.
            const server = zones.flatMap((y) => y.groups.filter((g) => g.kind === 1 || g.kind === 3).map((g) => g.name))[0];
            if (z.relay && server) infra['dhcp-relay'] = [server];
            if (Object.keys(infra).length > 0) zone.infrastructure = infra;
            (doc.zones as Record<string, unknown>)[z.name] = zone;
            for (const g of z.groups) {
              const addresses = groupAddresses(i1, g.kind, z.v6);
              (doc.groups as Record<string, unknown>)[g.name] = {
                zone: z.name,
                ...(addresses ? { addresses } : {}),
                owner: text(g.owner),
                manufacturer: text(g.manufacturer),
                description: text(g.description),
              };
            }
          });
          doc.flows = flows.map((f) => ({ id: f.id, from: f.from, to: f.to, services: f.services, why: text(f.why), owner: text(f.owner), ticket: text(f.ticket), description: text(f.description), ...(f.log ? { log: true } : {}) }));
          doc.guardrails = guardrails.map((g) => ({ id: g.id, never: { from: g.from, to: g.to }, why: text(g.why) }));
          for (const p of points) {
            (doc.enforcement as Record<string, unknown>)[p.name] = { platform: p.platform, description: text(p.description), ...(p.pair ? { devices: [`${p.name}-a`.slice(0, 64), `${p.name}-b`.slice(0, 64)] } : {}) };
          }
          return stringify(doc, { lineWidth: 0 });
        };
        return { yaml: build((t) => t), benign: build(() => 'x'), platforms: [...new Set(points.map((p) => p.platform))] };
      });
  });
}

/** The same policy with every enforcement point on `platform`. */
export function onPlatform(yaml: string, platform: string): string {
  return yaml.replace(/^(\s+platform: ).*$/gm, `$1${platform}`);
}
