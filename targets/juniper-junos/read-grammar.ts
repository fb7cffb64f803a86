import { addressRange, icmpCodeRange, icmpTypeRange, portRange, protocolRange, tcpFlagsTest } from './read-values.js';

/** A statement path as the reader knows it: complete, a valid prefix of one (enough for `delete`), or why it is not read. */
export type Shape = 'complete' | 'prefix' | { reason: string };

const complete = 'complete';
const prefix = 'prefix';
const no = (reason: string): Shape => ({ reason });

export type FilterFamily = 'inet' | 'inet6' | 'ethernet-switching';

/** How the value of a match condition is read, per filter family. */
type ValueKind = 'address4' | 'address6' | 'address' | 'prefix-list' | 'protocol' | 'port' | 'icmp-type' | 'icmp-code' | 'flags' | 'ether-type' | 'none';

const COMMON: Record<string, ValueKind> = {
  'source-port': 'port', 'destination-port': 'port', 'source-port-except': 'port', 'destination-port-except': 'port',
  'icmp-type': 'icmp-type', 'icmp-code': 'icmp-code', 'icmp-type-except': 'icmp-type', 'icmp-code-except': 'icmp-code',
  'tcp-flags': 'flags', 'tcp-established': 'none', 'tcp-initial': 'none',
};
const ROUTED: Record<string, ValueKind> = {
  ...COMMON,
  'source-prefix-list': 'prefix-list', 'destination-prefix-list': 'prefix-list', 'prefix-list': 'prefix-list',
  port: 'port', 'port-except': 'port',
};

/** The match conditions read in each family (EX/QFX with ELS; `payload-protocol` is the MX spelling of next-header). */
export const CONDITIONS: Record<FilterFamily, Record<string, ValueKind>> = {
  inet: { ...ROUTED, 'source-address': 'address4', 'destination-address': 'address4', address: 'address4', protocol: 'protocol', 'protocol-except': 'protocol' },
  inet6: {
    ...ROUTED, 'source-address': 'address6', 'destination-address': 'address6', address: 'address6',
    'next-header': 'protocol', 'next-header-except': 'protocol', 'payload-protocol': 'protocol',
  },
  'ethernet-switching': {
    ...COMMON, 'ip-source-address': 'address4', 'ip-destination-address': 'address4', 'ip6-source-address': 'address6',
    'ip6-destination-address': 'address6', 'ip-protocol': 'protocol', 'next-header': 'protocol', 'ip6-next-header': 'protocol',
    'ether-type': 'ether-type',
  },
};

export const ETHER_TYPES: Record<string, 4 | 6 | 0> = { ipv4: 4, '0x0800': 4, ipv6: 6, '0x86dd': 6, arp: 0, '0x0806': 0 };

/** Whether the reader understands a statement path (without its verb). */
export function statementShape(path: readonly string[]): Shape {
  const [top, ...rest] = path;
  switch (top) {
    case undefined:
      return prefix;
    case 'firewall':
      return firewall(rest);
    case 'policy-options':
      return prefixList(rest);
    case 'vlans':
      return vlan(rest);
    case 'interfaces':
      return iface(rest);
    case 'forwarding-options':
      return rest[0] === undefined ? prefix : rest[0] === 'dhcp-relay' ? relay(rest.slice(1)) : no(`forwarding-options ${rest[0]} is not read`);
    default:
      return no(`"${top}" statements are not read (only firewall, policy-options prefix-list, vlans, interfaces, forwarding-options dhcp-relay)`);
  }
}

function firewall(t: readonly string[]): Shape {
  if (t[0] === undefined || (t[0] === 'family' && t[1] === undefined)) return prefix;
  if (t[0] !== 'family') return no('a filter without "family" is not read');
  const fam = t[1] as FilterFamily;
  if (!Object.hasOwn(CONDITIONS, fam)) return no(`filter family "${t[1]}" is not read`);
  if (t[2] === undefined) return prefix;
  if (t[2] !== 'filter') return no(`firewall family ${fam} ${t[2]} is not read`);
  if (t[3] === undefined) return prefix;
  const [what, term, part, ...x] = t.slice(4);
  if (what === undefined) return complete;
  if (what === 'interface-specific') return term === undefined ? complete : no('unexpected words after interface-specific');
  if (what !== 'term') return no(`filter statement "${what}" is not read`);
  if (term === undefined || part === undefined) return term === undefined ? prefix : complete;
  if (part === 'from') return condition(x, fam);
  if (part === 'then') return action(x);
  return no(`term statement "${part}" is not read`);
}

function condition(c: readonly string[], fam: FilterFamily): Shape {
  const [name, value, tail, ...more] = c;
  if (name === undefined) return prefix;
  const kind = Object.hasOwn(CONDITIONS[fam], name) ? CONDITIONS[fam][name] : undefined;
  if (!kind) return no(`match condition "${name}" is not read in family ${fam}`);
  if (kind === 'none') return value === undefined ? complete : no(`${name} takes no value`);
  if (value === undefined) return prefix;
  const why = valueError(kind, value, fam);
  if (why) return no(`${name} ${value}: ${why}`);
  const except = kind === 'address4' || kind === 'address6' || kind === 'prefix-list';
  if (tail === undefined) return complete;
  return tail === 'except' && except && more.length === 0 ? complete : no(`unexpected "${tail}" after ${name} ${value}`);
}

function valueError(kind: ValueKind, value: string, fam: FilterFamily): string | undefined {
  switch (kind) {
    case 'address4':
    case 'address6': {
      const a = addressRange(value);
      if (!a) return 'not an address or prefix';
      return a.family === (kind === 'address4' ? 4 : 6) ? undefined : `an IPv${a.family} prefix where IPv${kind === 'address4' ? 4 : 6} is matched`;
    }
    case 'prefix-list':
      return undefined;
    case 'protocol':
      return protocolRange(value) ? undefined : 'not a protocol name or number 0-255';
    case 'port':
      return portRange(value) ? undefined : 'not a port, port range or port name';
    case 'icmp-type': {
      const families = fam === 'inet' ? [4 as const] : fam === 'inet6' ? [6 as const] : [4 as const, 6 as const];
      return families.some((f) => icmpTypeRange(value, f)) ? undefined : 'not an ICMP type';
    }
    case 'icmp-code':
      return icmpCodeRange(value) ? undefined : 'not an ICMP code number';
    case 'flags':
      return tcpFlagsTest(value) ? undefined : 'not a tcp-flags expression of fin, syn, rst, push, ack, urgent with ! & | ( )';
    case 'ether-type':
      return Object.hasOwn(ETHER_TYPES, value) ? undefined : 'ether-type other than ipv4, ipv6, arp is not read';
    default:
      return undefined;
  }
}

const MODIFIERS_WITH_VALUE = new Set(['count', 'policer', 'forwarding-class', 'loss-priority', 'analyzer']);
const BARE_ACTIONS = new Set(['accept', 'discard', 'syslog', 'log', 'sample', 'port-mirror']);

function action(a: readonly string[]): Shape {
  const [name, value, ...more] = a;
  if (name === undefined) return prefix;
  if (more.length > 0) return no(`unexpected words after then ${name}`);
  if (BARE_ACTIONS.has(name)) return value === undefined ? complete : no(`${name} takes no value`);
  if (name === 'reject') return complete;
  if (MODIFIERS_WITH_VALUE.has(name)) return value === undefined ? prefix : complete;
  if (name === 'next') return value === undefined ? prefix : value === 'term' ? complete : no('only "next term" is read');
  return no(`action "${name}" is not read`);
}

function prefixList(t: readonly string[]): Shape {
  const [what, name, entry, ...more] = t;
  if (what === undefined) return prefix;
  if (what !== 'prefix-list') return no(`policy-options ${what} is not read`);
  if (name === undefined || entry === undefined) return name === undefined ? prefix : complete;
  if (entry === 'apply-path') return no('apply-path prefix lists are not read (their prefixes come from elsewhere in the configuration)');
  if (more.length > 0) return no(`unexpected words after prefix ${entry}`);
  return addressRange(entry) ? complete : no(`"${entry}" is not a prefix`);
}

function vlan(t: readonly string[]): Shape {
  const [name, what, value, ...more] = t;
  if (name === undefined || what === undefined) return name === undefined ? prefix : complete;
  switch (what) {
    case 'vlan-id':
      if (value === undefined) return prefix;
      return /^\d{1,4}$/.test(value) && Number(value) >= 1 && Number(value) <= 4094 && more.length === 0 ? complete : no(`vlan-id "${value}" is not 1-4094`);
    case 'description':
    case 'l3-interface':
    case 'interface':
      return value === undefined ? prefix : more.length === 0 ? complete : no(`unexpected words after ${what}`);
    case 'forwarding-options': {
      if (value === undefined) return prefix;
      if (value !== 'filter') return no(`vlan forwarding-options ${value} is not read`);
      const [dir, filter, ...x] = more;
      if (dir === undefined) return prefix;
      if (dir !== 'input' && dir !== 'output') return no(`VLAN filter direction "${dir}" is not read`);
      return filter === undefined ? prefix : x.length === 0 ? complete : no('unexpected words after the filter name');
    }
    default:
      return no(`vlan statement "${what}" is not read`);
  }
}

function iface(t: readonly string[]): Shape {
  const [name, what, unit, ...u] = t;
  if (name === undefined || what === undefined) return prefix;
  if (what === 'description') return unit === undefined ? prefix : u.length === 0 ? complete : no('unexpected words after description');
  if (what !== 'unit') return no(`interface statement "${what}" is not read`);
  if (unit === undefined) return prefix;
  if (!/^\d+$/.test(unit)) return no(`unit "${unit}" is not a number`);
  const [part, fam, ...f] = u;
  if (part === undefined) return complete;
  if (part === 'description') return fam === undefined ? prefix : f.length === 0 ? complete : no('unexpected words after description');
  if (part !== 'family') return no(`unit statement "${part}" is not read`);
  if (fam === undefined) return prefix;
  if (fam === 'ethernet-switching') return switching(f);
  if (fam !== 'inet' && fam !== 'inet6') return no(`family ${fam} is not read`);
  const [kind, arg, ...x] = f;
  if (kind === undefined) return complete;
  if (kind === 'filter') {
    if (arg === undefined) return prefix;
    if (arg !== 'input' && arg !== 'output') return no(`filter ${arg} is not read (only input and output)`);
    return x.length === 0 ? prefix : x.length === 1 ? complete : no('unexpected words after the filter name');
  }
  if (kind !== 'address') return no(`family ${fam} ${kind} is not read`);
  if (arg === undefined) return prefix;
  const a = addressRange(arg);
  if (!a || a.family !== (fam === 'inet' ? 4 : 6)) return no(`"${arg}" is not an IPv${fam === 'inet' ? 4 : 6} address with its length`);
  return addressOption(x, fam);
}

function addressOption(x: readonly string[], fam: 'inet' | 'inet6'): Shape {
  const [opt, group, ...v] = x;
  if (opt === undefined) return complete;
  if (opt === 'primary' || opt === 'preferred') return group === undefined ? complete : no(`unexpected words after ${opt}`);
  if (opt !== (fam === 'inet' ? 'vrrp-group' : 'vrrp-inet6-group')) return no(`address option "${opt}" is not read`);
  if (group === undefined) return prefix;
  if (!/^\d{1,3}$/.test(group) || Number(group) > 255) return no(`VRRP group "${group}" is not 0-255`);
  const [stmt, value, ...more] = v;
  if (stmt === undefined) return complete;
  const flags = ['preempt', 'no-preempt', 'accept-data', 'no-accept-data'];
  if (flags.includes(stmt)) return value === undefined || (stmt === 'preempt' && value === 'hold-time' && more.length === 1) ? complete : no(`unexpected words after ${stmt}`);
  const addressed = fam === 'inet' ? ['virtual-address'] : ['virtual-inet6-address', 'virtual-link-local-address'];
  const valued = ['priority', 'advertise-interval', 'fast-interval', 'inet6-advertise-interval', 'authentication-type', 'authentication-key'];
  if (!addressed.includes(stmt) && !valued.includes(stmt)) return no(`VRRP statement "${stmt}" is not read`);
  if (value === undefined) return prefix;
  if (more.length > 0) return no(`unexpected words after ${stmt} ${value}`);
  if (addressed.includes(stmt)) return addressRange(value)?.length === (fam === 'inet' ? 32 : 128) && !value.includes('/') ? complete : no(`"${value}" is not an address`);
  if (stmt === 'priority') return /^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= 255 ? complete : no(`priority "${value}" is not 1-255`);
  return complete;
}

function switching(f: readonly string[]): Shape {
  const [what, a, b, ...more] = f;
  if (what === undefined) return complete;
  if (what === 'interface-mode') return a === 'access' || a === 'trunk' ? (b === undefined ? complete : no('unexpected words after the mode')) : a === undefined ? prefix : no(`interface-mode "${a}" is not read`);
  if (what === 'vlan' && a === 'members') return b === undefined ? prefix : more.length === 0 ? complete : no('unexpected words after the VLAN');
  if (what === 'vlan' && a === undefined) return prefix;
  return no(`family ethernet-switching ${what} is not read (port filters are not read)`);
}

function relay(t: readonly string[]): Shape {
  const r = t[0] === 'dhcpv6' ? t.slice(1) : t;
  const [what, name, stmt, value, ...more] = r;
  if (what === undefined) return prefix;
  if (what === 'server-group') {
    if (name === undefined || stmt === undefined) return name === undefined ? prefix : complete;
    return value === undefined && addressRange(stmt)?.length === (stmt.includes(':') ? 128 : 32) ? complete : no(`"${stmt}" is not a server address`);
  }
  if (what !== 'group') return no(`dhcp-relay ${what} is not read`);
  if (name === undefined || stmt === undefined) return name === undefined ? prefix : complete;
  if (stmt !== 'active-server-group' && stmt !== 'interface') return no(`dhcp-relay group statement "${stmt}" is not read`);
  return value === undefined ? prefix : more.length === 0 ? complete : no(`unexpected words after ${stmt} ${value}`);
}
