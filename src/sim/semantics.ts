/*
 * The simulator's semantics: the reference every other evaluator (compiler IR, kernel lab) is tested against.
 *
 * For one packet p = (src address, dst address, proto, port) that *initiates* a connection:
 *
 * 1. src and dst of different families: no such packet (and ICMP exists only in IPv4, ICMPv6 only in IPv6).
 * 2. Same zone (by identity: the most specific zone subnet holding the address): verdict `same-segment`, "same
 *    segment, not filtered" — unless that zone has `isolation: true`, then `deny`, decided by the isolation of that
 *    zone (port isolation blocks it whatever the flows say). Both ends external (in no zone): `unrouted`, "crosses no
 *    enforcement point of this policy".
 * 3. Otherwise the path is the source zone's `via` (direction `in`, "from zone X") when the source is in a zone, then
 *    the destination zone's `via` (direction `out`, "towards zone Y") when the destination is in a zone — both
 *    entries even when it is the same device. The decision is the same at every point of the path:
 *    - denied by guardrail G when p ∈ G and p is in no *live* flow listed in G's exceptions (decidedBy: every such G
 *      in file order; the first is "the" decider);
 *    - else allowed when p is in some live flow (decidedBy: every live flow holding p, in file order);
 *    - else denied by `default`.
 *    Expired flows (model/expiry.ts, against policy.today) are dead: they never allow, and never excuse a packet from
 *    a guardrail. An answer mentions an expired flow that would have allowed a default-denied packet.
 *    A zone's routed infrastructure (its DHCP relay, model/infrastructure.ts) is decided as a flow is, in this step.
 *    Monitor mode (model/monitor.ts): a packet step 3 denies is passed, verdict `monitored` ("would deny, monitored"),
 *    when every guardrail that forbids it is in monitor mode (decidedBy: those guardrails), or when no guardrail
 *    forbids it and either end lies in a monitored zone (decidedBy: the default, naming the first such zone in policy
 *    order). An enforced guardrail always denies. A monitored packet is reachable: it passes, logged.
 * 4. Connections, not packets: the replies of an allowed connection are allowed. A query B → A that is not allowed
 *    while A → B is says so (`replies: allowed as return traffic of connections A → B`).
 *
 * Packets to or from link-scope addresses (255.255.255.255, 224.0.0.0/24, ff02::/16, fe80::/10) are never routed: what
 * steps 1-4 answer for them is what no router forwards. They are the link's business (5 and 6 below), and translation
 * validation holds targets to those answers for them, not to steps 1-4; so are packets between a zone's host and its
 * own gateway address (the device itself).
 *
 * 5. A zone's link to its own gateway (model/link-infrastructure.ts): a packet from the zone's link (its addresses, or
 *    the unspecified and link-local ones) to the gateway's addresses or to link-scope addresses is for the gateway
 *    itself: allowed when a link service of the zone's infrastructure holds it, else denied (`decideGateway`, and
 *    `query --to gateway:ZONE`). Flows and guardrails are about hosts, and do not decide it.
 *
 * 6. Port isolation on a zone's link (model/isolation.ts): a packet between two stations of an isolated zone, by any
 *    address they have on the link (the zone's own, link-local, unspecified; to broadcast and multicast too) is
 *    dropped, but for the zone's link services, neighbour discovery to link-scope addresses and the gateway's own
 *    traffic (`decideSwitched`). Step 2 is its part between the zone's own addresses.
 *
 * A query (from S, to D, services V) asks about Q = every packet of S × D × V that exists. Q is cut into parts
 * (allow, deny, same-segment, unrouted). The verdict is the one kind when Q is all of one kind; otherwise `allow`
 * when every part is reachable (allow, same-segment, unrouted: nothing in this policy stops them), `deny` when none
 * is, and `partial` for a mix. An empty Q (no shared family, or only the other family's ICMP) is `deny` with a note.
 *
 * Expectations: `can` with a service holds when every packet is reachable; `can` without a service holds when every
 * (source address, destination address) pair of the same family has at least one reachable service. `cannot` holds
 * when no packet is reachable; same-segment traffic is reachable, so `cannot` between two groups of one zone fails.
 */

/** What happens to the connections one part of a query opens. */
export type PartVerdict = 'allow' | 'monitored' | 'deny' | 'same-segment' | 'unrouted';

export type Verdict = PartVerdict | 'partial';

/** Parts are listed, and their deciders merged, in this order. */
export const PART_ORDER: readonly PartVerdict[] = ['allow', 'monitored', 'deny', 'same-segment', 'unrouted'];

/** Reachable parts: nothing in this policy stops them (monitor mode passes what it would deny). */
export function isReachable(v: PartVerdict): boolean {
  return v !== 'deny';
}

/** The overall verdict of a query from the kinds of its non-empty parts. */
export function combineVerdicts(kinds: readonly PartVerdict[]): Verdict {
  if (kinds.length === 0) return 'deny';
  if (kinds.length === 1) return kinds[0]!;
  const reachable = kinds.filter(isReachable).length;
  if (reachable === kinds.length) return 'allow';
  return reachable === 0 ? 'deny' : 'partial';
}
