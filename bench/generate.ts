import { targets } from '../targets/registry.js';

/**
 * A deterministic synthetic health system: sites with ward, imaging, lab, data-centre, staff and guest zones,
 * device classes and server sets as groups, flows from devices and staff to servers, guardrails, expiring flows
 * and expectations, enforced by 20 points across the nine platforms. Same seed and size, same files.
 */

export interface SystemSize {
  groups: number;
  flows: number;
  points: number;
}

export const SIZES: Record<'S' | 'M' | 'L', SystemSize> = {
  S: { groups: 500, flows: 2_000, points: 20 },
  M: { groups: 2_000, flows: 10_000, points: 20 },
  L: { groups: 5_000, flows: 50_000, points: 20 },
};

const PLATFORMS = [
  'cisco-ios', 'arista-eos', 'juniper-junos', 'aruba-aoscx', 'extreme-exos',
  'paloalto-panos', 'fortinet-fortios', 'linux-nftables', 'linux-iptables',
];
const ZONE_KINDS = ['ward', 'ward', 'imaging', 'lab', 'dc', 'dc', 'staff', 'guest'] as const;
const DEVICE_SERVICES = ['https', 'hl7-mllp', 'dicom', 'dicom-tls', 'syslog-tls', 'ntp', 'dns', 'tcp/8443', 'udp/5000-5010'];
const STAFF_SERVICES = ['https', 'rdp', 'smb', 'ldaps', 'http'];
const GROUPS_PER_ZONE = 10;

/**
 * Every point's budgets, set high: the system puts about a thousand flows on each switch, more than any access switch's
 * TCAM holds (its WL711 would stop check and compile, and every step after them). `npm run bench` reports each point's
 * use against its platform's default budgets beside the timings instead.
 */
export const CHASSIS_BUDGET = 1_000_000;

function chassis(platform: string): string {
  return targets[platform]!.capabilities.capacity.map((r) => `${r.name}: ${CHASSIS_BUDGET}`).join(', ');
}

export interface GeneratedSystem {
  files: Map<string, string>;
  /** Findings the generator put there on purpose, by code: expired flows (WL504) and flows expiring soon (WL505). */
  deliberate: { WL504: number; WL505: number };
  counts: { zones: number; groups: number; flows: number; guardrails: number; expectations: number; points: number };
}

/** Files stay under the loader's 2 MiB limit: at most 5,000 flows each (flows.yaml, or flows-01.yaml, ...). */
const FLOWS_PER_FILE = 5_000;

function flowFiles(flowLines: string[]): [string, string][] {
  const chunks = Math.max(1, Math.ceil(flowLines.length / FLOWS_PER_FILE));
  return Array.from({ length: chunks }, (_, i) => [
    chunks === 1 ? 'flows.yaml' : `flows-${String(i + 1).padStart(2, '0')}.yaml`,
    `wardline: 1\nflows:\n${flowLines.slice(i * FLOWS_PER_FILE, (i + 1) * FLOWS_PER_FILE).join('\n')}\n`,
  ]);
}

/** mulberry32: small, fast, and the same everywhere. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Zone { name: string; kind: (typeof ZONE_KINDS)[number]; index: number; via: string; v6: boolean }
interface Group { name: string; zone: Zone; slot: number }

/**
 * The evaluation date of every benchmark run. Fixed, not the calendar's: the generator dates its expired and
 * expiring flows from it and wardline evaluates expiry against it, so the same seed is the same policy with the same
 * live flows on any day the benchmark runs, and figures taken months apart measure the same work.
 */
export const BENCH_TODAY = '2026-11-28';

export function generateSystem(size: SystemSize, seed = 1, today = BENCH_TODAY): GeneratedSystem {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  const zoneCount = Math.ceil(size.groups / GROUPS_PER_ZONE);
  const points = Array.from({ length: size.points }, (_, i) => ({ name: `ep${String(i + 1).padStart(2, '0')}`, platform: PLATFORMS[i % PLATFORMS.length]! }));
  const zones: Zone[] = Array.from({ length: zoneCount }, (_, i) => {
    const kind = ZONE_KINDS[i % ZONE_KINDS.length]!;
    const site = Math.floor(i / ZONE_KINDS.length);
    const via = points[site % points.length]!;
    // Dual-stack only behind a platform that filters IPv6, so every target compiles (no WL701).
    return { name: `s${site}-${kind}-${i}`, kind, index: i, via: via.name, v6: i % 4 === 0 && targets[via.platform]!.capabilities.ipv6 };
  });
  const groups: Group[] = Array.from({ length: size.groups }, (_, i) => ({
    name: `${zones[Math.floor(i / GROUPS_PER_ZONE)]!.kind === 'dc' ? 'srv' : 'dev'}-${i}`,
    zone: zones[Math.floor(i / GROUPS_PER_ZONE)]!,
    slot: i % GROUPS_PER_ZONE,
  }));
  const medical = (z: Zone) => z.kind === 'ward' || z.kind === 'imaging' || z.kind === 'lab';
  const v4 = (z: Zone) => `10.${Math.floor(z.index / 64)}.${(z.index % 64) * 4}`;
  const zoneLines = zones.map((z) => {
    const subnets = [`${v4(z)}.0/22`, ...(z.v6 ? [`fd00:${z.index.toString(16)}::/64`] : [])];
    const gws = [`${v4(z)}.1`, ...(z.v6 ? [`fd00:${z.index.toString(16)}::1`] : [])];
    const labels = medical(z) ? ['medical'] : z.kind === 'guest' ? ['untrusted'] : z.kind === 'staff' ? ['staff'] : [];
    return `  ${z.name}: { vlan: ${100 + z.index}, subnets: [${subnets.join(', ')}], gateway: [${gws.join(', ')}], via: ${z.via}${labels.length ? `, labels: [${labels.join(', ')}]` : ''} }`;
  });
  const groupLines = groups.map((g) => {
    // /26 blocks from .64 on, so the gateway and the first block stay the zone's own.
    const block = (g.slot + 1) * 64;
    const addr = [`${v4(g.zone).split('.').slice(0, 2).join('.')}.${Number(v4(g.zone).split('.')[2]) + Math.floor(block / 256)}.${block % 256}/26`];
    if (g.zone.v6) addr.push(`fd00:${g.zone.index.toString(16)}::${(g.slot + 1).toString(16)}00/120`);
    return `  ${g.name}: { zone: ${g.zone.name}, addresses: [${addr.join(', ')}] }`;
  });
  const sources = groups.filter((g) => medical(g.zone) || g.zone.kind === 'staff');
  const servers = groups.filter((g) => g.zone.kind === 'dc');
  const used = new Set<string>();
  const flowLines: string[] = [];
  let expired = 0;
  let expiringSoon = 0;
  const past = new Date(Date.parse(`${today}T00:00:00Z`) - 300 * 86_400_000).toISOString().slice(0, 10);
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + 10 * 86_400_000).toISOString().slice(0, 10);
  const canLines: string[] = [];
  for (let i = 0; flowLines.length < size.flows && i < size.flows * 20; i++) {
    const from = pick(sources);
    const to = pick(servers);
    const key = `${from.name}>${to.name}`;
    if (used.has(key)) continue;
    used.add(key);
    const menu = from.zone.kind === 'staff' ? STAFF_SERVICES : DEVICE_SERVICES;
    const services = [...new Set([pick(menu), ...(rnd() < 0.5 ? [pick(menu)] : [])])];
    const n = flowLines.length;
    let expires = '';
    if (n % 50 === 7) {
      expires = `\n    expires: ${past}`;
      expired++;
    } else if (n % 100 === 3) {
      expires = '\n    expires: 2027-12-31';
    } else if (n % 100 === 11) {
      expires = `\n    expires: ${soon}`;
      expiringSoon++;
    }
    flowLines.push(
      `  - id: f${n}\n    from: ${from.name}\n    to: ${to.name}\n    services: [${services.join(', ')}]\n    why: Generated clinical flow ${n}\n    owner: team${n % 17}@example.org${expires}`,
    );
    if (canLines.length < 50 && !expires) canLines.push(`  - can: { from: ${from.name}, to: ${to.name}, service: ${services[0]} }`);
  }
  const guest = groups.find((g) => g.zone.kind === 'guest')!;
  const device = groups.find((g) => medical(g.zone))!;
  const cannotLines = [`  - cannot: { from: ${guest.name}, to: ${device.name} }`, `  - cannot: { from: external, to: ${device.name} }`];
  const files = new Map<string, string>([
    ['zones.yaml', `wardline: 1\nzones:\n${zoneLines.join('\n')}\n`],
    ['groups.yaml', `wardline: 1\ngroups:\n${groupLines.join('\n')}\n`],
    ...flowFiles(flowLines),
    [
      'guardrails.yaml',
      [
        'wardline: 1',
        'guardrails:',
        '  - { id: no-guest-to-medical, never: { from: "label:untrusted", to: "label:medical" }, why: Guests never reach clinical devices }',
        '  - { id: no-staff-to-medical, never: { from: "label:staff", to: "label:medical" }, why: Staff PCs never reach clinical devices }',
        '  - { id: no-external-to-medical, never: { from: external, to: "label:medical" }, why: Nothing from outside reaches clinical devices }',
        '  - { id: no-medical-to-external, never: { from: "label:medical", to: external }, why: Clinical devices never initiate to the internet }',
        '',
      ].join('\n'),
    ],
    ['expect.yaml', `wardline: 1\nexpect:\n${[...canLines, ...cannotLines].join('\n')}\n`],
    ['enforcement.yaml', `wardline: 1\nenforcement:\n${points.map((p) => `  ${p.name}: { platform: ${p.platform}, capacity: { ${chassis(p.platform)} } }`).join('\n')}\n`],
  ]);
  return {
    files,
    deliberate: { WL504: expired, WL505: expiringSoon },
    counts: { zones: zones.length, groups: groups.length, flows: flowLines.length, guardrails: 4, expectations: canLines.length + 2, points: points.length },
  };
}
