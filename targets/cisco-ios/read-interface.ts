import { parseAddress, parsePrefix } from '../../src/net/address.js';
import type { ConfigLine } from '../reader.js';
import type { Family } from './read-objects.js';

/** A list bound to an interface: `ip access-group NAME in|out`, `ipv6 traffic-filter NAME in|out`. */
export interface Binding {
  family: Family;
  direction: 'in' | 'out';
  list: string;
  line: ConfigLine;
}

export interface Interface {
  /** As written after `interface`, spaces removed: `Vlan140`, `GigabitEthernet1/0/1`. */
  name: string;
  header: ConfigLine;
  bindings: Binding[];
  /** Its own and its virtual (HSRP, VRRP) addresses, as written; they do not change filtering. */
  addresses: string[];
  shutdown?: ConfigLine;
  /** Inside `vrrp N address-family ...`, whose lines are indented one step further. */
  inVrrpFamily?: boolean;
}

/** The VLAN an interface routes: `interface Vlan140` (any case, `vlan 140` too). */
export function interfaceVlan(iface: Interface): number | undefined {
  const m = /^vlan([0-9]{1,4})$/i.exec(iface.name);
  return m ? Number(m[1]) : undefined;
}

const HARMLESS = new Set([
  'no ip redirects',
  'no ip unreachables',
  'no ip proxy-arp',
  'no ipv6 redirects',
  'no ipv6 unreachables',
  'no switchport',
  'ipv6 enable',
  'no ip address',
  'no shutdown',
]);

/**
 * One line of an interface block. Filtering: the bindings and `shutdown`. Kept without effect on filtering: description,
 * addresses, DHCP relay, HSRP (`standby`) and VRRP lines. Returns why not, for any other line.
 */
export function readInterfaceLine(iface: Interface, words: string[], line: ConfigLine, indent: number): string | undefined {
  const text = words.join(' ');
  if (indent > 1 && iface.inVrrpFamily) return vrrpFamilyLine(iface, words);
  iface.inVrrpFamily = false;
  if (words[0] === 'description') return undefined;
  if (HARMLESS.has(text)) {
    if (text === 'no shutdown') iface.shutdown = undefined;
    return undefined;
  }
  if (text === 'shutdown') {
    iface.shutdown = line;
    return undefined;
  }
  const [a, b, c, d, e] = words;
  if ((a === 'ip' && b === 'access-group') || (a === 'ipv6' && b === 'traffic-filter')) {
    if (c === undefined || (d !== 'in' && d !== 'out') || words.length !== 4) return `${a} ${b} needs a list name and in or out`;
    const family = a === 'ip' ? 4 : 6;
    iface.bindings = iface.bindings.filter((x) => x.family !== family || x.direction !== d);
    iface.bindings.push({ family, direction: d, list: c, line });
    return undefined;
  }
  if (a === 'ip' && b === 'address' && c !== undefined && d !== undefined && (words.length === 4 || (words.length === 5 && e === 'secondary'))) {
    return v4(c) && v4(d) ? void iface.addresses.push(c) : `"${c} ${d}" is not an IPv4 address and mask`;
  }
  if (a === 'ipv6' && b === 'address' && c !== undefined && (words.length === 3 || (words.length === 4 && (d === 'link-local' || d === 'eui-64' || d === 'anycast')))) {
    const parsed = d === 'link-local' ? parseAddress(c) : parsePrefix(c);
    return parsed && !('error' in parsed) ? void iface.addresses.push(c) : `"${c}" is not an IPv6 address`;
  }
  if (a === 'ip' && b === 'helper-address' && c !== undefined && words.length === 3) return v4(c) ? undefined : `"${c}" is not an IPv4 address`;
  if (text.startsWith('ipv6 dhcp relay destination ') && (words.length === 5 || words.length === 6)) {
    return parseAddress(words[4]!)?.family === 6 ? undefined : `"${words[4]}" is not an IPv6 address`;
  }
  if (a === 'standby') return standbyLine(iface, words.slice(1));
  if (a === 'vrrp') return vrrpLine(iface, words.slice(1));
  return 'not an interface setting this reader knows';
}

const v4 = (text: string) => parseAddress(text)?.family === 4;

/** HSRP: `standby version 1|2`, `standby [N] ip A [secondary]`, `priority P`, `preempt [...]`, `timers ...`, `name X`. */
function standbyLine(iface: Interface, words: string[]): string | undefined {
  if (words[0] === 'version' && (words[1] === '1' || words[1] === '2') && words.length === 2) return undefined;
  const rest = /^[0-9]+$/.test(words[0] ?? '') ? words.slice(1) : words;
  const [verb, value, extra] = rest;
  if (verb === 'ip' && value !== undefined && v4(value) && (rest.length === 2 || (rest.length === 3 && extra === 'secondary'))) {
    iface.addresses.push(value);
    return undefined;
  }
  if (verb === 'ipv6' && value !== undefined && rest.length === 2) return undefined;
  if (verb === 'priority' && /^[0-9]+$/.test(value ?? '') && rest.length === 2) return undefined;
  if (verb === 'preempt' || verb === 'timers' || verb === 'name' || verb === 'track' || verb === 'authentication') return undefined;
  return 'not an HSRP (standby) setting this reader knows';
}

/** VRRP: `vrrp N ip A [secondary]`, `vrrp N priority P`, `vrrp N preempt`, or `vrrp N address-family ipv4|ipv6` and its block. */
function vrrpLine(iface: Interface, words: string[]): string | undefined {
  const [group, verb, value, extra] = words;
  if (!/^[0-9]+$/.test(group ?? '')) return 'vrrp needs a group number';
  if (verb === 'address-family' && (value === 'ipv4' || value === 'ipv6') && words.length === 3) {
    iface.inVrrpFamily = true;
    return undefined;
  }
  if (verb === 'ip' && value !== undefined && v4(value) && (words.length === 3 || (words.length === 4 && extra === 'secondary'))) {
    iface.addresses.push(value);
    return undefined;
  }
  if ((verb === 'priority' && /^[0-9]+$/.test(value ?? '')) || verb === 'preempt' || verb === 'timers' || verb === 'description') return undefined;
  return 'not a VRRP setting this reader knows';
}

function vrrpFamilyLine(iface: Interface, words: string[]): string | undefined {
  const [verb, value] = words;
  if (verb === 'address' && value !== undefined && parseAddress(value) && words.length <= 3) {
    iface.addresses.push(value);
    return undefined;
  }
  if (['priority', 'preempt', 'timers', 'vrrpv2', 'exit-vrrp', 'description', 'track'].includes(verb ?? '')) return undefined;
  return 'not a VRRP address-family setting this reader knows';
}
