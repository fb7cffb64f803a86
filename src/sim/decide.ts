import { keyFamily } from '../net/address.js';
import type { Packet } from '../net/packet-set.js';
import { containsService } from '../net/service-set.js';
import * as iv from '../net/interval-set.js';
import type { Engine } from './engine.js';

export type PacketDecision = 'allow' | 'deny' | 'same-segment' | 'unrouted';

/** One packet's verdict (semantics.ts), for the translation validator and the kernel lab; no provenance. */
export function decidePacket(engine: Engine, p: Packet): PacketDecision {
  if (keyFamily(p.src) !== keyFamily(p.dst)) return 'deny';
  const [a] = engine.atoms.slices(iv.single(p.src, p.src));
  const [b] = engine.atoms.slices(iv.single(p.dst, p.dst));
  const cell = engine.cells.cell(a!.atom, b!.atom);
  switch (cell.kind) {
    case 'same-segment':
    case 'unrouted':
      return cell.kind;
    case 'isolated':
    case 'no-packet':
      return 'deny';
    case 'filtered':
      // Monitor mode passes what it would deny (semantics.ts): a packet passes or does not.
      return containsService(cell.allowed, p.proto, p.port) || containsService(cell.monitored, p.proto, p.port) ? 'allow' : 'deny';
  }
}
