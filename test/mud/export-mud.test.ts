import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkPolicy } from '../../src/check/check-policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { STAND_IN_BLOCKS, STAND_IN_SET } from '../../src/model/dns-names.js';
import { groupFlows } from '../../src/mud/export/group-flows.js';
import { mudDocument, type MudExport } from '../../src/mud/export/mud-document.js';
import { formatKey, parsePrefix, prefixesOverlap } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import { containsService, serviceRanges } from '../../src/net/service-set.js';
import { simulator, type Simulator } from '../../src/sim/simulator.js';
import { REPO } from '../support/cli.js';
import { TODAY } from '../support/policy.js';
import { exampleSimulator } from '../sim/example.js';
import { mudAllows, type Connection } from './mud-reader.js';

const URL = 'https://mud.example.org/device.json';
const schema = JSON.parse(readFileSync(`${REPO}schema/mud.schema.json`, 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

const sim = await exampleSimulator();
const exports = new Map<string, MudExport>();
function exported(group: string): MudExport {
  let e = exports.get(group);
  if (!e) exports.set(group, (e = mudDocument(sim.policy.groups.get(group)!, groupFlows(sim.engine, group), URL, TODAY)));
  return e;
}

/** The simulator's word: the connection is allowed by a live flow (filtered cell), not same-segment nor monitored. */
function simulatorAllows(s: Simulator, device: bigint, c: Connection, peer: bigint): boolean {
  const [a] = s.engine.atoms.slices(iv.single(device, device));
  const [b] = s.engine.atoms.slices(iv.single(peer, peer));
  const cell = c.opener === 'from-device' ? s.engine.cells.cell(a!.atom, b!.atom) : s.engine.cells.cell(b!.atom, a!.atom);
  return cell.kind === 'filtered' && containsService(cell.allowed, c.proto, c.port);
}

describe('export mud', () => {
  it.each(['infusion-pumps-4e', 'pump-server', 'web-proxy'])('%s: a valid RFC 8520 file, nothing left out', (group) => {
    const { document, notes } = exported(group);
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(notes).toEqual([]);
    const mud = (document as any)['ietf-mud:mud'];
    expect(mud['last-update']).toBe(`${TODAY}T00:00:00Z`);
    expect(mud['mud-url']).toBe(URL);
  });

  it('every group of the example exports a valid file, its devices all allowed the same', () => {
    for (const group of sim.policy.groups.keys()) {
      const { document, notes } = exported(group);
      expect(validate(document), `${group}: ${JSON.stringify(validate.errors)}`).toBe(true);
      expect(notes, group).toEqual([]);
    }
  });

  it('infusion-pumps-4e: opens https to the pump server, and the reply is tied to that direction', () => {
    const doc = exported('infusion-pumps-4e').document;
    const https = { proto: 6, port: 443, sourcePort: 50000 };
    expect(mudAllows(doc, { opener: 'from-device', peer: '10.50.10.20', ...https })).toBe(true);
    expect(mudAllows(doc, { opener: 'to-device', peer: '10.50.10.20', ...https })).toBe(false);
    expect(mudAllows(doc, { opener: 'from-device', peer: '10.50.10.21', ...https })).toBe(false);
    expect(mudAllows(doc, { opener: 'from-device', peer: '10.50.10.20', proto: 6, port: 22, sourcePort: 50000 })).toBe(false);
  });

  it('web-proxy: reaches the internet by exact prefixes, never the hospital', () => {
    const doc = exported('web-proxy').document;
    const https = { opener: 'from-device' as const, proto: 6, port: 443, sourcePort: 50000 };
    expect(mudAllows(doc, { ...https, peer: '93.184.216.34' })).toBe(true);
    expect(mudAllows(doc, { ...https, peer: '10.20.1.5' })).toBe(false);
    expect(JSON.stringify(doc)).not.toContain('"0.0.0.0/0"');
  });

  it('the same policy and date give the same bytes', () => {
    const again = mudDocument(sim.policy.groups.get('web-proxy')!, groupFlows(sim.engine, 'web-proxy'), URL, TODAY);
    expect(JSON.stringify(again.document)).toBe(JSON.stringify(exported('web-proxy').document));
  });

  it('packet allowed by the MUD ACEs <=> the simulator allows it from or to the group', () => {
    const groups = [...sim.policy.groups.keys()];
    const { atoms } = sim.engine;
    const ports = [22, 53, 80, 104, 123, 443, 514, 2575, 2762, 3128, 3389, 6514, 8443, 9443, 24100, 24103, 24104, 8 * 256, 128 * 256, 0];
    const within = (lo: bigint, hi: bigint, f: number) => lo + (BigInt(Math.floor(f * 1e9)) % (hi - lo + 1n));
    // Half the peers are ones the group's live flows name (so allowed answers are common), half any atom.
    const named = (group: string, opener: string) => {
      const out = new Set<number>();
      for (const a of sim.engine.identityAtoms.get(group)!) {
        for (const f of opener === 'from-device' ? sim.engine.index.flowsFrom(a) : sim.engine.index.flowsTo(a)) for (const o of opener === 'from-device' ? f.dst : f.src) out.add(o);
      }
      return [...out];
    };
    const servicesOf = (group: string) => {
      const out = [];
      for (const a of sim.engine.identityAtoms.get(group)!) for (const f of [...sim.engine.index.flowsFrom(a), ...sim.engine.index.flowsTo(a)]) out.push(...serviceRanges(f.services));
      return out;
    };
    let allowed = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...groups),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom<'from-device' | 'to-device'>('from-device', 'to-device'),
        fc.constantFrom(6, 6, 17, 17, 1, 58, 47, 132),
        fc.oneof(fc.constantFrom(...ports), fc.integer({ min: 0, max: 65535 })),
        fc.integer({ min: 49152, max: 65535 }),
        (group, pick, peerPick, fromFlows, f, g, opener, proto, port, sourcePort) => {
          const mine = sim.engine.identityAtoms.get(group)!;
          const d = mine[pick % mine.length]!;
          const pool = (fromFlows ? named(group, opener) : []).filter((o) => atoms.family[o] === atoms.family[d]);
          const o = pool.length > 0 ? pool[peerPick % pool.length]! : peerPick % atoms.count;
          if (atoms.family[o] !== atoms.family[d]) return;
          const device = within(atoms.lo[d]!, atoms.hi[d]!, f);
          const peer = within(atoms.lo[o]!, atoms.hi[o]!, g);
          // The example's names are exported by DNS name and the blocks that hold them are no host's (never written):
          // the names are held to a resolver in 'externals known by DNS name' below.
          if (iv.contains(STAND_IN_SET, peer)) return;
          const offered = fromFlows ? servicesOf(group) : [];
          const r = offered[peerPick % Math.max(1, offered.length)];
          const [p, n] = r ? [r.proto, r.lo + (port % (r.hi - r.lo + 1))] : [proto, proto === 47 ? 0 : port];
          const c: Connection = { opener, peer: formatKey(peer), proto: p, port: n, sourcePort };
          const expected = simulatorAllows(sim, device, c, peer);
          if (expected) allowed++;
          expect(mudAllows(exported(group).document, c), `${group} from ${formatKey(device)}: ${JSON.stringify(c)}`).toBe(expected);
        },
      ),
      { numRuns: 4000, seed: 18 },
    );
    // The property is about both answers: a fair share of the connections tried must be allowed.
    expect(allowed).toBeGreaterThan(200);
  });
});

// The example with externals known by DNS name: two that stand for whatever DNS says (pump-vendor-cloud is the
// example's own, with the pump server's flow to it), one the policy resolves.
const extra = `wardline: 1
externals:
  pump-vendor-relay: { fqdn: relay.pump-vendor.example }
  pump-telemetry: { fqdn: telemetry.pump-vendor.example, addresses: [198.51.100.20, 2001:db8:51::20] }
flows:
  - { id: pump-server-telemetry, from: pump-server, to: pump-telemetry, services: [tcp/8777], why: Fleet telemetry }
  - { id: relay-to-pump-server, from: pump-vendor-relay, to: pump-server, services: [tcp/8443], why: Vendor relay }
`;
const checked = checkPolicy([...(await readPolicySources([`${REPO}policies/example-hospital`])), { path: 'vendor-externals.yaml', text: extra }], TODAY);
if (checked.findings.some((d) => d.severity === 'error')) throw new Error('the example with externals does not pass check');
const named = simulator(checked.policy);
const mudOf = (group: string) => mudDocument(named.policy.groups.get(group)!, groupFlows(named.engine, group), URL, TODAY);
/** Every network an ACE names. */
const networks = (doc: unknown) => [...JSON.stringify(doc).matchAll(/-ipv[46]-network":"([^"]+)"/g)].map((m) => m[1]!);
const resolver = { 'drug-library.pump-vendor.example': ['203.0.113.50', '2001:db8:113::50'], 'relay.pump-vendor.example': ['192.0.2.7'], 'telemetry.pump-vendor.example': ['198.51.100.20', '2001:db8:51::20'] };

describe('export mud: externals known by DNS name', () => {
  it('pump-server: each external by its DNS name, both ways and both families, never by its addresses', () => {
    const { document, notes } = mudOf('pump-server');
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
    expect(notes).toEqual([]);
    const text = JSON.stringify(document);
    for (const name of Object.keys(resolver)) for (const side of ['dst', 'src']) expect(text, `${side} ${name}`).toContain(`"ietf-acldns:${side}-dnsname":"${name}"`);
    expect(networks(document).filter((n) => n.startsWith('198.51.100.') || n.startsWith('2001:db8:51:') || n.startsWith('240.') || n.startsWith('100:'))).toEqual([]);
    const tcp = (opener: 'from-device' | 'to-device', peer: string, port: number) => ({ opener, peer, proto: 6, port, sourcePort: 50000 });
    expect(mudAllows(document, tcp('from-device', '203.0.113.50', 443), resolver)).toBe(true);
    expect(mudAllows(document, tcp('from-device', '2001:db8:113::50', 443), resolver)).toBe(true);
    expect(mudAllows(document, tcp('from-device', '203.0.113.50', 443))).toBe(false);
    expect(mudAllows(document, tcp('from-device', '203.0.113.50', 8777), resolver)).toBe(false);
    expect(mudAllows(document, tcp('from-device', '198.51.100.20', 8777), resolver)).toBe(true);
    expect(mudAllows(document, tcp('to-device', '192.0.2.7', 8443), resolver)).toBe(true);
    expect(mudAllows(document, tcp('from-device', '192.0.2.7', 8443), resolver)).toBe(false);
  });

  it('web-proxy reaches external: the names are in its prefixes (as compile holds them), the blocks where names are kept are not', () => {
    const { document, notes } = mudOf('web-proxy');
    expect(notes).toEqual([]);
    expect(JSON.stringify(document)).not.toContain('dnsname');
    const written = networks(document).map((n) => (parsePrefix(n) as { prefix: Parameters<typeof prefixesOverlap>[0] }).prefix);
    expect(written.filter((p) => STAND_IN_BLOCKS.some((b) => prefixesOverlap(b, p)))).toEqual([]);
    const https = (peer: string) => ({ opener: 'from-device' as const, peer, proto: 6, port: 443, sourcePort: 50000 });
    expect(mudAllows(document, https('198.51.100.20'))).toBe(true);
    expect(mudAllows(document, https('93.184.216.34'))).toBe(true);
  });
});
