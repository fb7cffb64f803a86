/**
 * Reader for Juniper EX/QFX (ELS) `set` files, written from Juniper's firewall filter documentation.
 *
 * The file is applied as `load set` applies it, line by line, to a tree of statements: `set` adds a statement (in the
 * order first set; a one-value statement such as `vlan-id` or `filter input` keeps the last value), `delete` removes a
 * statement and everything under it, `insert PATH before|after KEYWORD NAME` moves a term (or any named statement)
 * among its siblings, `deactivate` / `activate` make a statement ignored or read again. `[ a b ]` lists are one
 * statement per value; `"quoted strings"` are one word. Lines starting with `#` and blank lines are comments.
 *
 * Statements read (anything else is returned in `unknown` with its reason):
 * - `firewall family inet|inet6|ethernet-switching filter F [interface-specific]`, `... term T from COND` and
 *   `... term T then ACTION`. Conditions: source-/destination-address and `address` (a prefix, a dotted mask, `except`),
 *   source-/destination-prefix-list and `prefix-list` (`except`), protocol (inet), next-header / payload-protocol
 *   (inet6), source-port, destination-port, port and their `-except` forms (numbers, ranges `a-b`, Junos port names),
 *   protocol-except / next-header-except, icmp-type / icmp-code (numbers, ranges, names per family) and `-except`,
 *   tcp-flags (names fin syn rst push ack urgent with `! & | ( )`), tcp-established, tcp-initial; in
 *   ethernet-switching filters ip-/ip6-source-/destination-address, ip-protocol, next-header, ether-type ipv4|ipv6|arp.
 *   Actions: accept, discard, reject [type] (terminating), next term, and the modifiers count, syslog, log, sample,
 *   policer, forwarding-class, loss-priority, port-mirror, analyzer.
 * - `policy-options prefix-list NAME [PREFIX]` (IPv4 and IPv6 in one list; a filter takes its own family's prefixes).
 * - `vlans NAME vlan-id|description|l3-interface|interface`, `vlans NAME forwarding-options filter input|output F`.
 * - `interfaces IF [description]`, `interfaces IF unit N description`, `... unit N family inet|inet6 address A/L
 *   [primary|preferred]`, its `vrrp-group` / `vrrp-inet6-group` (virtual-address, virtual-inet6-address,
 *   virtual-link-local-address, priority, preempt [hold-time], no-preempt, accept-data, no-accept-data, advertise and
 *   authentication settings), `... family inet|inet6 filter input|output F`, and `family ethernet-switching
 *   interface-mode | vlan members` (which filter nothing).
 * - `forwarding-options dhcp-relay [dhcpv6] server-group NAME ADDRESS`, `... group NAME active-server-group|interface`.
 *
 * Semantics (Juniper, "How Firewall Filters Evaluate Packets", match conditions for EX/QFX):
 * - Terms are tried in order; all conditions of a term must hold, several values of one condition are alternatives;
 *   a term with no `from` matches every packet; a matching term without accept/discard/reject accepts (the modifiers'
 *   implicit accept) unless it says `next term`; past the last term the packet is discarded.
 * - An address condition is decided by the most specific listed prefix holding the address (`except` excludes); no
 *   listed prefix holding it is no match. Ports hold only for TCP, UDP and SCTP packets, ICMP types and codes only for
 *   ICMP (inet) or ICMPv6 (inet6, and by the packet's family in ethernet-switching filters). tcp-established is
 *   tcp-flags "(ack | rst)" and tcp-initial "(syn & !ack)"; the reader holds flag conditions to TCP packets (Junos does
 *   not check the protocol itself; wardline always writes `protocol tcp` beside them).
 * - Stateless: connection state is ignored; a reply passes only by a term that matches it.
 *
 * Zone links: the link's VLAN is the `vlans` entry with its VLAN id, else the one whose l3-interface is the link's
 * interface, else the one named after the zone; its routed unit is the VLAN's l3-interface, else the link's interface
 * (`irb.150`, `ge-0/0/1.0`; a name without unit means unit 0). A routed packet meets the ingress VLAN's input filter,
 * the ingress unit's input filter of its family, the egress unit's output filter, then the egress VLAN's output filter;
 * the first discard decides and no bound filter permits. A packet to the device meets the VLAN's and unit's input
 * filters, then lo0.0's input filter; a packet to a VRRP virtual address is taken only with accept-data, priority 255
 * or when the unit owns the address (otherwise the master answers ARP only). A packet switched inside the VLAN meets
 * the VLAN's input and output filters.
 */
import { keyFamily } from '../../src/net/address.js';
import { type ConfigFile, type ConfigLine, type ConfigReading, type Reader, type ReadVerdict, type UnknownLine, type WirePacket, type ZoneLink, numberedLines } from '../reader.js';
import { type Filter, evaluateFilter } from './read-filter.js';
import { statementShape } from './read-grammar.js';
import { type Device, type Unit, type Vlan, deviceModel } from './read-model.js';
import { type ConfigNode, deletePath, emptyNode, findPath, insertPath, setPath, statementPaths } from './read-tree.js';

export const juniperJunosReader: Reader = {
  read(files: readonly ConfigFile[]): ConfigReading {
    const unknown: UnknownLine[] = [];
    const report = (line: ConfigLine, reason: string) => unknown.push({ ...line, reason });
    const root = emptyNode();
    let seq = 0;
    for (const file of files) for (const line of numberedLines(file)) apply(root, line, ++seq, report);
    const device = deviceModel(root, report);
    unknown.sort((a, b) => (a.file === b.file ? a.line - b.line : a.file < b.file ? -1 : 1));
    return { unknown: dedupe(unknown), ...evaluator(device) };
  },
};

function dedupe(list: UnknownLine[]): UnknownLine[] {
  return list.filter((u, i) => i === 0 || u.file !== list[i - 1]!.file || u.line !== list[i - 1]!.line);
}

/** One line of the file applied to the candidate configuration, as `load set` would. */
function apply(root: ConfigNode, line: ConfigLine, seq: number, report: (line: ConfigLine, reason: string) => void): void {
  const text = line.text.trim();
  if (text === '' || text.startsWith('#')) return;
  const parsed = statementPaths(text);
  if ('error' in parsed) return report(line, parsed.error);
  const { verb, paths } = parsed;
  if (verb === 'insert') return insert(root, paths[0] ?? [], line, report);
  if (verb !== 'set' && verb !== 'delete' && verb !== 'deactivate' && verb !== 'activate') {
    return report(line, `"${verb}" is not a set-format command read here (set, delete, insert, deactivate, activate)`);
  }
  for (const path of paths) {
    const shape = statementShape(path);
    if (typeof shape === 'object') return report(line, shape.reason);
    if (verb === 'set') {
      if (shape !== 'complete') return report(line, 'incomplete statement: a value is missing');
      setPath(root, path, line, seq);
    } else if (verb === 'delete') {
      deletePath(root, path);
    } else {
      const node = findPath(root, path);
      if (!node) return report(line, `no such statement to ${verb}`);
      node.inactive = verb === 'deactivate';
    }
  }
}

function insert(root: ConfigNode, words: string[], line: ConfigLine, report: (line: ConfigLine, reason: string) => void): void {
  const where = words.at(-3);
  const path = words.slice(0, -3);
  if ((where !== 'before' && where !== 'after') || words.at(-2) !== path.at(-2)) return report(line, 'insert takes PATH before|after KEYWORD NAME');
  const shape = statementShape(path);
  if (typeof shape === 'object') return report(line, shape.reason);
  if (!insertPath(root, path, where, words.at(-1)!)) report(line, 'insert names a statement that is not configured');
}

/** A filter on the packet's way, named as the device names its bind point. */
interface Step {
  where: string;
  filter: Filter;
}

/** What a zone link meets on this device, per packet family: resolved once per link. */
interface LinkSteps {
  label: string;
  vlanIn?: Step;
  vlanOut?: Step;
  unit?: Unit;
  unitIn: Record<'inet' | 'inet6', Step | undefined>;
  unitOut: Record<'inet' | 'inet6', Step | undefined>;
}

function evaluator(device: Device): Omit<ConfigReading, 'unknown'> {
  const vlanOf = (link: ZoneLink): Vlan | undefined =>
    device.vlans.find((v) => link.vlan !== undefined && v.id === link.vlan) ??
    device.vlans.find((v) => link.interface !== undefined && v.l3Interface === link.interface) ??
    device.vlans.find((v) => v.name === link.zone);
  const unitStep = (unit: Unit | undefined, family: 'inet' | 'inet6', dir: 'input' | 'output'): Step | undefined => {
    const b = unit?.filters[`${family} ${dir}`];
    return b && { where: `${unit!.name} family ${family} filter ${dir} ${b.filter.name}`, filter: b.filter };
  };
  const vlanStep = (vlan: Vlan | undefined, dir: 'input' | 'output'): Step | undefined => {
    const b = vlan?.[dir];
    return b && { where: `vlan ${vlan!.name} forwarding-options filter ${dir} ${b.filter.name}`, filter: b.filter };
  };
  const resolved = new Map<string, LinkSteps>();
  const stepsOf = (link: ZoneLink): LinkSteps => {
    const id = `${link.zone}\n${link.vlan}\n${link.interface}`;
    let found = resolved.get(id);
    if (!found) {
      const vlan = vlanOf(link);
      const named = link.interface === undefined ? undefined : link.interface.includes('.') ? link.interface : `${link.interface}.0`;
      const unit = (vlan?.l3Interface === undefined ? undefined : device.units.get(vlan.l3Interface)) ?? (named === undefined ? undefined : device.units.get(named));
      const per = (dir: 'input' | 'output') => ({ inet: unitStep(unit, 'inet', dir), inet6: unitStep(unit, 'inet6', dir) });
      found = { label: vlan?.name ?? link.zone, vlanIn: vlanStep(vlan, 'input'), vlanOut: vlanStep(vlan, 'output'), unit, unitIn: per('input'), unitOut: per('output') };
      resolved.set(id, found);
    }
    return found;
  };
  const lo0 = device.units.get('lo0.0');
  const lo0In = { inet: unitStep(lo0, 'inet', 'input'), inet6: unitStep(lo0, 'inet6', 'input') };
  const familyOf = (p: WirePacket) => (keyFamily(p.src) === 4 ? 'inet' : 'inet6');

  // The first discard decides; else the last filter that accepted; else nothing bound, which permits.
  const walk = (p: WirePacket, steps: (Step | undefined)[], none: string): ReadVerdict => {
    let last: ReadVerdict | undefined;
    for (const step of steps) {
      if (!step) continue;
      last = verdict(step, p);
      if (last.action === 'deny') return last;
    }
    return last ?? { action: 'permit', where: none, lines: [] };
  };

  return {
    forward(p, from, to) {
      const f = familyOf(p);
      const a = from && stepsOf(from);
      const b = to && stepsOf(to);
      return walk(p, [a?.vlanIn, a?.unitIn[f], b?.unitOut[f], b?.vlanOut], 'no filter on the way (stateless switch, nothing bound)');
    },
    toDevice(link, p) {
      const f = familyOf(p);
      const s = stepsOf(link);
      const filtered = walk(p, [s.vlanIn, s.unitIn[f], lo0In[f]], `no input filter for zone ${link.zone}`);
      if (filtered.action === 'deny') return filtered;
      const vip = s.unit?.virtual.find((v) => v.key === p.dst && !v.acceptsData);
      if (vip) {
        return { action: 'deny', where: `${s.unit!.name} vrrp-group ${vip.group}: the master takes only ARP for a virtual address it does not own (no accept-data)`, lines: [vip.line] };
      }
      return filtered;
    },
    switched(link, p) {
      const s = stepsOf(link);
      return walk(p, [s.vlanIn, s.vlanOut], `no filter on vlan ${s.label}`);
    },
  };
}

function verdict(step: Step, p: WirePacket): ReadVerdict {
  const r = evaluateFilter(step.filter, p);
  const action = r.action === 'accept' ? 'permit' : 'deny';
  if (!r.term) return { action, where: `${step.where}: no term matches, implicit discard`, lines: [] };
  return { action, where: `${step.where} term ${r.term.name}`, lines: r.objects.length > 0 ? [...r.term.lines, ...r.objects] : r.term.lines };
}
