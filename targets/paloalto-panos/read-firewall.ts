import type { ReadVerdict, WirePacket, ZoneLink } from '../reader.js';
import { ruleMatches, type Compiled } from './read-match.js';
import type { Interface, Network } from './read-network.js';
import type { Rulebase } from './read-rulebase.js';

/** A firewall's configuration as read: its network, and its security rules in order, resolved. */
export interface Firewall {
  network: Network;
  rules: Compiled[];
  rulebase: Rulebase;
}

/** The zone a link enters or leaves by: by VLAN tag, then interface, then zone name; undefined links the uplink. */
export function zoneOf(n: Network, link: ZoneLink | undefined): { zone: string } | { error: string } {
  const zoneHolding = (i: string) => [...n.zones].find(([, z]) => z.interfaces.includes(i))?.[0];
  if (link === undefined) {
    const untagged = [...n.zones].filter(([, z]) => z.interfaces.some((i) => n.interfaces.get(i)?.tag === undefined && !i.includes('.')));
    if (untagged.length === 1) return { zone: untagged[0]![0] };
    if (n.zones.has('transit')) return { zone: 'transit' };
    return { error: 'no uplink zone: no single zone holds an untagged interface, and none is named transit' };
  }
  const byVlan = link.vlan === undefined ? undefined : [...n.interfaces.values()].find((i) => i.tag === link.vlan);
  if (byVlan) {
    const zone = zoneHolding(byVlan.name);
    return zone ? { zone } : { error: `subinterface ${byVlan.name} (VLAN ${link.vlan}) is in no zone: the firewall drops its traffic` };
  }
  const byInterface = link.interface === undefined ? undefined : zoneHolding(link.interface);
  if (byInterface) return { zone: byInterface };
  if (n.zones.has(link.zone)) return { zone: link.zone };
  return { error: `zone ${link.zone}: no subinterface of VLAN ${link.vlan ?? '-'}, interface or zone of that name on this firewall` };
}

/** The interface a zone's link arrives on, for what it sends the firewall itself. */
export function interfaceOf(n: Network, link: ZoneLink): Interface | undefined {
  const all = [...n.interfaces.values()];
  const byVlan = link.vlan === undefined ? undefined : all.find((i) => i.tag === link.vlan);
  if (byVlan) return byVlan;
  const byName = link.interface === undefined ? undefined : n.interfaces.get(link.interface);
  if (byName) return byName;
  const first = n.zones.get(link.zone)?.interfaces[0];
  return first === undefined ? undefined : n.interfaces.get(first);
}

/** The security rulebase's verdict on a new session from zone `from` to zone `to`. */
export function decide(fw: Firewall, from: string, to: string, p: WirePacket): ReadVerdict {
  const zones = `from ${from} to ${to}`;
  for (const c of fw.rules) {
    if (!ruleMatches(c, from, to, p)) continue;
    return { action: c.def.action === 'allow' ? 'permit' : 'deny', where: `rule ${c.def.name} (${zones}, ${c.def.action})`, lines: c.def.lines };
  }
  const fallback = from === to ? fw.rulebase.intrazone : fw.rulebase.interzone;
  const name = from === to ? 'intrazone-default' : 'interzone-default';
  return { action: fallback.action === 'allow' ? 'permit' : 'deny', where: `${name} (${zones}, ${fallback.action})`, lines: fallback.lines };
}
