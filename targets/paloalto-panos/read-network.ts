import { parseAddress, parsePrefix } from '../../src/net/address.js';
import type { ConfigLine } from '../reader.js';
import { literalAddress, unionMatch, type AddressMatch } from './read-objects.js';
import { attributes, kept, single, Unread, value, yesNo, type Attribute } from './read-syntax.js';

/** A layer-3 interface or subinterface: its VLAN tag, addresses, IPv6 switch and management profile. */
export interface Interface {
  name: string;
  tag?: number;
  /** Its own addresses (keys), IPv4 and IPv6. */
  own: bigint[];
  ipv6: boolean;
  ipv6Lines: ConfigLine[];
  profile?: string;
  lines: ConfigLine[];
}

/** A DHCP relay per family: switched on, and with the servers it relays to (without one it relays nothing). */
export interface Relay {
  ip: boolean;
  ipv6: boolean;
  ipServers: number;
  ipv6Servers: number;
  ipLines: ConfigLine[];
  ipv6Lines: ConfigLine[];
}

/** What an interface management profile lets the firewall answer on the interfaces that carry it. */
export interface Profile {
  services: Set<string>;
  permitted?: AddressMatch;
  lines: ConfigLine[];
}

export interface Network {
  interfaces: Map<string, Interface>;
  /** Zone name to its interfaces, in the order the file names them. */
  zones: Map<string, { interfaces: string[]; lines: ConfigLine[] }>;
  relays: Map<string, Relay>;
  profiles: Map<string, Profile>;
}

export function emptyNetwork(): Network {
  return { interfaces: new Map(), zones: new Map(), relays: new Map(), profiles: new Map() };
}

/** The services an interface management profile can switch on that the reader knows the ports of. */
export const PROFILE_SERVICES = ['ping', 'ssh', 'telnet', 'http', 'https', 'snmp'];

function iface(n: Network, name: string, line: ConfigLine): Interface {
  let i = n.interfaces.get(name);
  if (!i) n.interfaces.set(name, (i = { name, own: [], ipv6: false, ipv6Lines: [], lines: [] }));
  i.lines.push(line);
  return i;
}

/** The attributes of a layer-3 interface or subinterface. */
function layer3(i: Interface, line: ConfigLine, unit: boolean): Record<string, Attribute> {
  const own = (text: string, family: 4 | 6) => {
    const parsed = parsePrefix(text);
    if ('error' in parsed || parsed.prefix.family !== family) throw new Unread(`"${text}" is not an IPv${family} interface address`);
    i.own.push(literalAddress(text.split('/')[0]!)!.keys[0]![0]);
  };
  const ipv6: Attribute = (ws, at) => {
    const what = ws[at];
    if (what === 'enabled') {
      i.ipv6 = yesNo(ws[at + 1], 'ipv6 enabled');
      i.ipv6Lines.push(line);
      return at + 2;
    }
    if (what === 'address') {
      own(single(ws, at + 1, 'ipv6 address'), 6);
      let j = at + 2;
      if (ws[j] === 'enable-on-interface') {
        yesNo(ws[j + 1], 'enable-on-interface');
        j += 2;
      }
      // What the firewall advertises of the prefix (router advertisements), not what it filters.
      return ws[j] === 'prefix' || ws[j] === 'anycast' || ws[j] === 'advertise' ? ws.length : j;
    }
    // Router advertisement and neighbour discovery timers: what the firewall sends, not what it filters.
    if (what === 'neighbor-discovery' || what === 'interface-id') return ws.length;
    throw new Unread(`unknown ipv6 attribute "${what ?? ''}"`);
  };
  const table: Record<string, Attribute> = {
    ip: (ws, at) => {
      const { values, next } = value(ws, at);
      for (const v of values) own(v, 4);
      return next;
    },
    ipv6,
    comment: kept,
    mtu: kept,
    'netflow-profile': kept,
    'interface-management-profile': (ws, at) => ((i.profile = single(ws, at, 'interface-management-profile')), at + 1),
  };
  if (unit) {
    table.tag = (ws, at) => {
      const text = single(ws, at, 'tag');
      if (!/^\d{1,4}$/.test(text) || Number(text) < 1 || Number(text) > 4094) throw new Unread(`VLAN tag "${text}" is not 1-4094`);
      i.tag = Number(text);
      return at + 1;
    };
  }
  return table;
}

/** `network interface ethernet|aggregate-ethernet <port> [layer3 [units <unit>] ...]`. */
function readInterface(ws: readonly string[], line: ConfigLine, n: Network): void {
  const [kind, port, mode] = ws.slice(2);
  if ((kind !== 'ethernet' && kind !== 'aggregate-ethernet') || port === undefined) {
    throw new Unread(`interface kind "${kind ?? ''}": the reader reads layer-3 ethernet and aggregate-ethernet interfaces`);
  }
  if (mode === undefined) return;
  if (mode === 'comment' || mode === 'link-speed' || mode === 'link-duplex' || mode === 'link-state') {
    attributes(ws, 4, { comment: kept, 'link-speed': kept, 'link-duplex': kept, 'link-state': kept }, 'interface');
    return;
  }
  if (mode !== 'layer3') throw new Unread(`interface mode "${mode}": the reader reads layer3 interfaces`);
  if (ws[5] === 'units') {
    const unit = ws[6];
    if (unit === undefined || !unit.startsWith(`${port}.`)) throw new Unread(`subinterface "${unit ?? ''}" is not of ${port}`);
    const i = iface(n, unit, line);
    attributes(ws, 7, layer3(i, line, true), 'subinterface');
    return;
  }
  const i = iface(n, port, line);
  attributes(ws, 5, layer3(i, line, false), 'interface');
}

const ZONE_MODES = ['layer3', 'layer2', 'virtual-wire', 'tap'];

function readZone(ws: readonly string[], line: ConfigLine, n: Network): void {
  const name = ws[1];
  if (name === undefined) throw new Unread('the zone has no name');
  let z = n.zones.get(name);
  if (!z) n.zones.set(name, (z = { interfaces: [], lines: [] }));
  z.lines.push(line);
  const zone = z;
  const members: Attribute = (w, at) => {
    // `layer3` alone makes an empty zone; a keyword after it is the next attribute, not an interface.
    if (at >= w.length || Object.hasOwn(network, w[at]!)) return at;
    const { values, next } = value(w, at);
    for (const v of values) if (!zone.interfaces.includes(v)) zone.interfaces.push(v);
    return next;
  };
  const network: Record<string, Attribute> = { ...Object.fromEntries(ZONE_MODES.map((m) => [m, members])), 'zone-protection-profile': kept, 'log-setting': kept };
  attributes(ws, 2, { network: (w, at) => (attributes(w, at, network, 'zone network'), w.length), 'enable-user-identification': kept }, 'zone');
}

/** `network dhcp interface <if> relay ip|ipv6 ...`: the firewall relays what the interface's clients broadcast. */
function readRelay(ws: readonly string[], line: ConfigLine, n: Network): void {
  const [what, name, keyword, family] = ws.slice(2);
  if (what !== 'interface' || name === undefined) throw new Unread('expected network dhcp interface <name> relay ...');
  if (keyword !== 'relay') throw new Unread(`network dhcp interface ${name} ${keyword ?? ''}: the reader reads DHCP relay only`);
  let r = n.relays.get(name);
  if (!r) n.relays.set(name, (r = { ip: false, ipv6: false, ipServers: 0, ipv6Servers: 0, ipLines: [], ipv6Lines: [] }));
  const relay = r;
  const servers = (family6: boolean): Attribute => (w, at) => {
    const { values, next } = value(w, at);
    for (const v of values) if (parseAddress(v)?.family !== (family6 ? 6 : 4)) throw new Unread(`relay server "${v}" is not an IPv${family6 ? 6 : 4} address`);
    if (family6) relay.ipv6Servers += values.length;
    else relay.ipServers += values.length;
    // An IPv6 server is named with the interface that leads to it.
    if (family6 && w[next] === 'interface') return next + 2;
    return next;
  };
  if (family === 'ip') {
    r.ipLines.push(line);
    attributes(ws, 6, { enabled: (w, at) => ((r.ip = yesNo(w[at], 'relay ip enabled')), at + 1), server: servers(false) }, 'relay ip');
  } else if (family === 'ipv6') {
    r.ipv6Lines.push(line);
    attributes(ws, 6, { enabled: (w, at) => ((r.ipv6 = yesNo(w[at], 'relay ipv6 enabled')), at + 1), server: servers(true) }, 'relay ipv6');
  } else {
    throw new Unread(`relay "${family ?? ''}": expected ip or ipv6`);
  }
}

function readProfile(ws: readonly string[], line: ConfigLine, n: Network): void {
  const [kind, name] = ws.slice(2);
  if (kind !== 'interface-management-profile' || name === undefined) throw new Unread(`network profiles ${kind ?? ''}: the reader reads interface management profiles only`);
  let p = n.profiles.get(name);
  if (!p) n.profiles.set(name, (p = { services: new Set(), lines: [] }));
  p.lines.push(line);
  const profile = p;
  const service = (s: string): Attribute => (w, at) => {
    if (yesNo(w[at], s)) profile.services.add(s);
    else profile.services.delete(s);
    return at + 1;
  };
  const off: Attribute = (w, at) => {
    if (yesNo(w[at], w[at - 1]!)) throw new Unread(`${w[at - 1]} yes: the reader knows the ports of ${PROFILE_SERVICES.join(', ')} only`);
    return at + 1;
  };
  const others = ['response-pages', 'userid-service', 'userid-syslog-listener-ssl', 'userid-syslog-listener-udp', 'http-ocsp'];
  attributes(
    ws,
    4,
    {
      ...Object.fromEntries(PROFILE_SERVICES.map((s) => [s, service(s)])),
      ...Object.fromEntries(others.map((s) => [s, off])),
      'permitted-ip': (w, at) => {
        const { values, next } = value(w, at);
        for (const v of values) {
          const m = literalAddress(v);
          if (!m) throw new Unread(`permitted-ip "${v}" is not an address or prefix`);
          profile.permitted = profile.permitted ? unionMatch(profile.permitted, m) : m;
        }
        return next;
      },
    },
    'interface management profile',
  );
}

/** Reads a `network ...` or `zone ...` command into `n`; false when the command is not one. */
export function readNetwork(ws: readonly string[], line: ConfigLine, n: Network): boolean {
  if (ws[0] === 'zone') {
    readZone(ws, line, n);
    return true;
  }
  if (ws[0] !== 'network') return false;
  switch (ws[1]) {
    case 'interface':
      readInterface(ws, line, n);
      return true;
    case 'dhcp':
      readRelay(ws, line, n);
      return true;
    case 'profiles':
      readProfile(ws, line, n);
      return true;
    case 'virtual-router':
    case 'logical-router':
      // Routing: which interfaces forward and where routes lead. The reader is given the links a packet takes.
      if (ws[2] === undefined) throw new Unread(`${ws[1]} without a name`);
      return true;
    default:
      throw new Unread(`network ${ws[1] ?? ''}: the reader reads interfaces, DHCP relay, management profiles and routers`);
  }
}
