import { gatewayDestinations, linkInfrastructure, linkSources } from '../model/link-infrastructure.js';
import { formatAddressSet } from '../net/address-set.js';
import type { IntervalSet } from '../net/interval-set.js';
import * as ps from '../net/packet-set.js';
import * as svc from '../net/service-set.js';
import type { ServiceSet } from '../net/service-set.js';
import { hopsOf, packetExample, type Answer, type DeciderRef, type Part } from './answer.js';
import type { Engine } from './engine.js';
import { QueryError } from './resolve-query.js';
import { combineVerdicts } from './semantics.js';
import { describeServices } from './service-text.js';
import { V4_SERVICES, V6_SERVICES } from './cell.js';

/** The gateway's own address (or the group address it listens on) comes first among what the link may send it. */
const firstAddress = (keys: IntervalSet): bigint => keys[0]![0];

/** `gateway:ZONE`: the zone's own gateway and link-scope addresses, as a destination (docs/infrastructure.md). */
export const GATEWAY_PREFIX = 'gateway:';

/**
 * What the gateway of a zone answers on the zone's link: each link service of its infrastructure that the question
 * asks about, allowed, with its packets; the rest of what the link could send the gateway, denied (it answers nothing
 * else). Only the zone itself reaches its gateway this way: the link is where the question is asked from.
 */
export function gatewayAnswer(engine: Engine, from: string, to: string, wanted: ServiceSet, service: string | null): Answer {
  const { policy } = engine;
  const name = to.slice(GATEWAY_PREFIX.length);
  const zone = policy.zones.get(name);
  if (!zone) throw new QueryError(`"${to}": there is no zone "${name}" in this policy; write gateway:ZONE`);
  if (from !== name) throw new QueryError(`the gateway of zone ${name} is reached from its own link: ask --from ${name} --to ${to}`);
  const path = hopsOf(policy, name, undefined);
  const ref = (id: string, services: string): DeciderRef => ({ kind: 'infrastructure', id, zone: name, file: zone.infrastructure.loc.file, line: zone.infrastructure.loc.range.start.line + 1, services });
  const parts: Part[] = [];
  const answered = new Map<number, ServiceSet>();
  for (const link of linkInfrastructure(policy, zone)) {
    const services = svc.intersect(link.services, wanted);
    if (svc.isEmpty(services)) continue;
    answered.set(link.family, svc.union(answered.get(link.family) ?? svc.EMPTY_SERVICES, services));
    const text = describeServices(services);
    parts.push({
      verdict: 'allow',
      sources: formatAddressSet(link.src),
      destinations: formatAddressSet(link.dst),
      services: text,
      example: packetExample(ps.between(link.src, link.dst, services), engine.plan.exampleHost, firstAddress, engine.plan.names.keyText),
      decidedBy: [ref(link.service, text)],
      paths: [path],
    });
  }
  for (const family of [4, 6] as const) {
    if (!zone.subnets.some((s) => s.prefix.family === family)) continue;
    const universe = svc.intersect(wanted, family === 4 ? V4_SERVICES : V6_SERVICES);
    const rest = svc.subtract(universe, answered.get(family) ?? svc.EMPTY_SERVICES);
    if (svc.isEmpty(rest)) continue;
    const [src, dst] = [linkSources(zone, family), gatewayDestinations(zone, family)];
    const text = describeServices(rest, family === 4 ? V4_SERVICES : V6_SERVICES);
    parts.push({
      verdict: 'deny',
      sources: formatAddressSet(src),
      destinations: formatAddressSet(dst),
      services: text,
      example: packetExample(ps.between(src, dst, rest), engine.plan.exampleHost, firstAddress, engine.plan.names.keyText),
      decidedBy: [{ kind: 'default', zone: name, services: text }],
      paths: [path],
    });
  }
  const verdict = combineVerdicts([...new Set(parts.map((p) => p.verdict))]);
  const first = parts[0];
  return {
    from,
    to,
    service,
    verdict,
    example: first?.example ?? null,
    decidedBy: parts.flatMap((p) => p.decidedBy),
    path,
    parts,
    replies: null,
    expired: [],
    notes: [`the gateway of zone ${name} answers its link only what the zone's infrastructure says (docs/infrastructure.md); what it sends itself is not filtered`],
  };
}
