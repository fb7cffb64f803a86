import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactList, type CompactionSets } from '../../src/compile/compact.js';
import { lineMatches, type WirePacket } from '../../src/compile/evaluate.js';
import type { AclLine, Provenance, ReplyMatch, ServiceMatch } from '../../src/compile/ir.js';
import { addressSetOf, V4_ADDRESSES } from '../../src/net/address-set.js';
import { addressKey, parseAddress, parsePrefix, type Prefix } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { IntervalSet } from '../../src/net/interval-set.js';

/**
 * The law of compaction: a compacted list decides every packet as the list it came from (first match: the same action,
 * logged alike). Random lists over a few neighbouring /30s, every kind of match the IR has, and every packet that
 * tells them apart.
 */
const set = (...prefixes: string[]) => addressSetOf(prefixes.map((t) => (parsePrefix(t) as { prefix: Prefix }).prefix));
const POOL: Record<string, IntervalSet> = {
  a: set('10.0.0.0/30'),
  b: set('10.0.0.4/30'),
  c: set('10.0.0.8/30'),
  ab: set('10.0.0.0/29'),
  bc: set('10.0.0.4/30', '10.0.0.8/30'),
  h: set('10.0.0.5/32'),
};
const NAMES = ['any', ...Object.keys(POOL)];

const MATCHES: ({ service: ServiceMatch } | { reply: ReplyMatch })[] = [
  { service: { proto: 'any' } },
  { service: { proto: 6, ports: [{ lo: 80, hi: 80 }] } },
  { service: { proto: 6, ports: [{ lo: 81, hi: 90 }] } },
  { service: { proto: 6, ports: [{ lo: 443, hi: 443 }] } },
  { service: { proto: 6 } },
  { service: { proto: 17, ports: [{ lo: 53, hi: 53 }] } },
  { service: { proto: 1, icmp: [{ type: 3 }, { type: 11 }] } },
  { service: { proto: 1, icmp: [{ type: 8 }] } },
  { service: { proto: 1, icmp: [{ type: 3, code: 4 }] } },
  { reply: { kind: 'tcp-established', srcPorts: [{ lo: 80, hi: 80 }] } },
  { reply: { kind: 'tcp-established', srcPorts: [{ lo: 81, hi: 443 }] } },
  { reply: { kind: 'mirrored-ports', proto: 17, srcPorts: [{ lo: 53, hi: 53 }] } },
  { reply: { kind: 'icmp-echo-reply', proto: 1 } },
  { reply: { kind: 'reverse-protocol', proto: 17 } },
];
const KINDS: Provenance['kind'][] = ['flow', 'return', 'guardrail'];

// Biased towards lines that join (one intent kind, a few matches, little logging), so joins meet blockers often.
const line = fc.record({
  action: fc.constantFrom<'permit' | 'deny'>('permit', 'permit', 'deny'),
  log: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }),
  src: fc.constantFrom(...NAMES),
  dst: fc.constantFrom(...NAMES),
  match: fc.oneof({ arbitrary: fc.constantFrom(1, 2, 3), weight: 3 }, { arbitrary: fc.nat(MATCHES.length - 1), weight: 2 }),
  kind: fc.constantFrom(0, 0, 0, 1, 2),
  id: fc.constantFrom('i1', 'i2', 'i3'),
});

function listOf(raw: fc.RecordValue<{ action: fc.Arbitrary<'permit' | 'deny'>; log: fc.Arbitrary<boolean>; src: fc.Arbitrary<string>; dst: fc.Arbitrary<string>; match: fc.Arbitrary<number>; kind: fc.Arbitrary<number>; id: fc.Arbitrary<string> }>[], finalLog: boolean): AclLine[] {
  const lines: AclLine[] = raw.map((r) => ({
    action: r.action,
    family: 4,
    src: r.src,
    dst: r.dst,
    ...MATCHES[r.match]!,
    log: r.log,
    provenance: { kind: KINDS[r.kind]!, id: r.id },
  }));
  lines.push({ action: 'deny', family: 4, src: 'any', dst: 'any', service: { proto: 'any' }, log: finalLog, provenance: { kind: 'default' } });
  return lines;
}

function sets(): CompactionSets & { lookup(name: string): IntervalSet } {
  const made = new Map<string, IntervalSet>();
  const lookup = (name: string) => (name === 'any' ? V4_ADDRESSES : (POOL[name] ?? made.get(name)!));
  return {
    lookup,
    setOf: lookup,
    nameFor(s) {
      const name = `m${made.size}`;
      made.set(name, s);
      return name;
    },
  };
}

const key = (text: string) => addressKey(4, parseAddress(text)!.value);
const ADDRESSES = ['10.0.0.1', '10.0.0.4', '10.0.0.5', '10.0.0.9', '10.0.0.13', '192.0.2.1'].map(key);
const SERVICES: [number, number][] = [
  [6, 80], [6, 85], [6, 443], [6, 22], [17, 53], [17, 123], [1, 3 << 8], [1, (3 << 8) | 4], [1, 11 << 8], [1, 8 << 8], [1, 0], [47, 0],
];
const SOURCE_PORTS = [53, 80, 443, 61000];

function* packets(): Generator<WirePacket> {
  for (const src of ADDRESSES) {
    for (const dst of ADDRESSES) {
      for (const [proto, port] of SERVICES) {
        for (const srcPort of SOURCE_PORTS) {
          for (const established of proto === 6 ? [false, true] : [false]) yield { src, dst, proto, port, srcPort, established };
        }
      }
    }
  }
}

function decide(lines: readonly AclLine[], lookup: (name: string) => IntervalSet, p: WirePacket): string {
  const hit = lines.find((l) => iv.contains(lookup(l.src), p.src) && iv.contains(lookup(l.dst), p.dst) && lineMatches(l, p));
  return hit ? `${hit.action}${hit.log ? ' log' : ''}` : 'none';
}

describe('list compaction', () => {
  it('decides every packet as the list it came from', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 14 }), fc.boolean(), (raw, finalLog) => {
        const before = listOf(raw, finalLog);
        const s = sets();
        const after = compactList(before, s);
        expect(after.length).toBeLessThanOrEqual(before.length);
        expect(after.at(-1)).toBe(before.at(-1));
        for (const p of packets()) expect(decide(after, s.lookup, p), JSON.stringify({ before, after, p: { ...p, src: String(p.src), dst: String(p.dst) } })).toBe(decide(before, s.lookup, p));
      }),
      { seed: Number(process.env.SEED ?? 20261205), numRuns: Number(process.env.RUNS ?? 90) },
    );
  });

  it('can fail: moving a later line ahead of a deny that meets it changes a verdict', () => {
    const lines = listOf(
      [
        { action: 'permit', log: false, src: 'a', dst: 'c', match: 1, kind: 0, id: 'i1' },
        { action: 'deny', log: true, src: 'any', dst: 'h', match: 0, kind: 2, id: 'i2' },
        { action: 'permit', log: false, src: 'a', dst: 'b', match: 1, kind: 0, id: 'i3' },
      ],
      true,
    );
    const s = sets();
    // Joined by hand across the deny: a packet to h (in b) on port 80 was denied and would now pass.
    const wrong = [{ ...lines[0]!, dst: 'bc' }, lines[1]!, lines[3]!];
    const p: WirePacket = { src: key('10.0.0.1'), dst: key('10.0.0.5'), proto: 6, port: 80, srcPort: 61000, established: false };
    expect(decide(wrong, s.lookup, p)).not.toBe(decide(lines, s.lookup, p));
    const after = compactList(lines, s);
    expect(after).toHaveLength(4);
    expect(decide(after, s.lookup, p)).toBe(decide(lines, s.lookup, p));
  });

  it('joins the ICMP errors returning to several openers into one line, keeps a guardrail a later permit needs, drops one none does', () => {
    const lines = listOf(
      [
        { action: 'permit', log: false, src: 'any', dst: 'a', match: 6, kind: 1, id: 'f1' },
        { action: 'permit', log: false, src: 'any', dst: 'b', match: 6, kind: 1, id: 'f2' },
        { action: 'deny', log: true, src: 'h', dst: 'any', match: 0, kind: 2, id: 'g1' },
        { action: 'deny', log: true, src: 'a', dst: 'c', match: 0, kind: 2, id: 'g2' },
        { action: 'permit', log: false, src: 'bc', dst: 'a', match: 1, kind: 0, id: 'f3' },
      ],
      true,
    );
    const s = sets();
    const after = compactList(lines, s);
    // f1's and f2's errors become one line to a and b together; g1 stays (f3 would pass h's packets to a on port 80);
    // g2 goes (nothing after it passes a's packets to c: the final deny drops and logs them as g2 did).
    expect(after.map((l) => `${l.action} ${l.provenance.id}${l.provenance.also ? `+${l.provenance.also.join('+')}` : ''}`)).toEqual([
      'permit f1+f2',
      'deny g1',
      'permit f3',
      'deny undefined',
    ]);
    expect(iv.equals(s.lookup(after[0]!.dst), POOL.ab!)).toBe(true);
  });
});
