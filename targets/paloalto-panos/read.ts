/**
 * Reads a PAN-OS firewall's configure-mode commands (config.txt; notes.txt beside it is documentation and is not read)
 * back into its security rulebase, and answers packets as a single-vsys firewall does (PAN-OS Administrator's Guide:
 * Security Policy; Objects > Addresses, Services, Applications; Network > Interfaces, Zones, DHCP).
 *
 * Semantics:
 * - Rules are evaluated top down, first match wins. A rule matches when the packet's ingress zone is in `from` and its
 *   egress zone in `to` (`any` for every zone), its source and destination are in `source` / `destination` (negated by
 *   `negate-source` / `negate-destination`), and its traffic matches both `application` and `service` (PAN-OS ANDs them).
 *   `rule-type intrazone` / `interzone` restrict a rule to traffic within one zone / between two; `disabled yes` skips
 *   it. `allow` permits; `deny`, `drop` and `reset-*` deny. No rule matching: the predefined `intrazone-default` allows
 *   traffic within a zone and `interzone-default` denies traffic between zones, unless
 *   `rulebase default-security-rules rules ... action` says otherwise.
 * - Order: a new rule lands at the bottom of the rulebase; `move rulebase security rules X top|bottom|before Y|after Y`
 *   places it, applied where it stands in the file. `set` adds members to a rule's or group's lists and replaces its
 *   other attributes, so several lines may build one rule.
 * - Addresses: `any` is every IPv4 and IPv6 address; objects (`ip-netmask`, `ip-range`, `ip-wildcard`, `fqdn`), static
 *   address groups (nested), and addresses, prefixes and ranges written in the rule. An IPv4 packet also matches IPv6
 *   addresses at ::a.b.c.d (PAN-OS treats IPv4 addresses as a subset of IPv6); an IPv6 packet never matches IPv4 ones.
 *   An `fqdn` object is what the device resolves the name to, A and AAAA records both (a rule has no family): the
 *   reader takes that from the read context (the policy's addresses for the name, else its stand-ins), and a packet
 *   matches the addresses of its own family. Without a context, or for a name the policy does not have, the object's
 *   line is unknown, and so is every rule naming it (not evaluated, as for any object the reader could not read).
 * - Services: `any`; service objects (`protocol tcp|udp|sctp port 80,443,1000-2000`, optional `source-port`) and
 *   service groups, and the predefined `service-http` (tcp/80, 8080) and `service-https` (tcp/443). A service matches
 *   only its protocol. `application-default` is the applications' own identification.
 * - Applications: `any`, or custom applications identified by `default ident-by-icmp-type type T [code C]`,
 *   `ident-by-icmp6-type ...` or `ident-by-ip-protocol P`, and application groups of them. Predefined applications
 *   (identified by App-ID from content) are reported, not guessed.
 * - State: a packet of a session the firewall has opened (`established`) passes by the session, whatever the rules
 *   say now (replies, and ICMP errors related to it).
 * - Zones: a zone link is found by VLAN id (the subinterface with that `tag`, and the zone that holds it), then by
 *   interface name, then by zone name. The uplink side (`undefined`) is the one zone bound to an untagged interface,
 *   else the zone named `transit`.
 * - The firewall itself (toDevice): an interface with `network dhcp interface <if> relay ip enabled yes` takes DHCP
 *   (udp/67 to 255.255.255.255 or its own address), with `relay ipv6 enabled yes` DHCPv6 (udp/547 to ff02::1:2);
 *   one with `ipv6 enabled yes` answers neighbour discovery (ICMPv6 130-137, 143) always. Anything else only through
 *   an `interface-management-profile` (ping, ssh, telnet, http, https, snmp; `permitted-ip`), to the interface's own
 *   address, and only when the security rules allow it within the zone. Otherwise the firewall answers nothing.
 * - Switched traffic inside a VLAN never reaches a layer-3 firewall: permitted, no lines.
 *
 * Lines read: `set` and `move` commands, optionally scoped by `vsys <name>` or `shared`; `configure`, `commit`,
 * `exit` and `set cli ...` around them. `set network interface ethernet|aggregate-ethernet <port> [layer3 [units <unit>]
 * tag|ip|ipv6 enabled|ipv6 address|comment|mtu|interface-management-profile ...]`, `set zone <z> network layer3 <ifs>`,
 * `set network dhcp interface <if> relay ip|ipv6 ...`, `set network profiles interface-management-profile ...`,
 * `set network virtual-router|logical-router ...` (routing, not read further), `set address <name>
 * ip-netmask|ip-range|ip-wildcard|fqdn <value> [description ...] [tag ...]`, `set address-group|service|service-group|
 * application|application-group|tag ...`, `set rulebase security rules <name> ...` with from, to, source, destination,
 * source-user any, category any, application, service, action, negate-*, disabled, rule-type, log-*, tag,
 * description, profile-setting, and the default rules. Every other line is returned in `unknown` with the reason;
 * a rule that names something unread is reported at its first line and not evaluated.
 */
import { numberedLines, type ConfigFile, type ConfigReading, type Reader, type ReadContext, type UnknownLine } from '../reader.js';
import { toDevice } from './read-device.js';
import { decide, zoneOf, type Firewall } from './read-firewall.js';
import { compile, type Compiled } from './read-match.js';
import { emptyNetwork, readNetwork, type Network } from './read-network.js';
import { emptyObjects, readObject, type Objects } from './read-objects.js';
import { emptyRulebase, readRulebase, type Rulebase } from './read-rulebase.js';
import { command, Unread } from './read-syntax.js';

/** The documentation beside the commands. */
const NOTES = 'notes.txt';

interface Parsed {
  network: Network;
  objects: Objects;
  rulebase: Rulebase;
  unknown: UnknownLine[];
}

function parse(files: readonly ConfigFile[], context: ReadContext | undefined): Parsed {
  const p: Parsed = { network: emptyNetwork(), objects: emptyObjects(), rulebase: emptyRulebase(), unknown: [] };
  for (const file of files.filter((f) => f.path !== NOTES && !f.path.endsWith(`/${NOTES}`))) {
    for (const line of numberedLines(file)) {
      if (line.text.trim() === '') continue;
      try {
        const c = command(line);
        if (c instanceof Unread) throw c;
        if (c === 'session') continue;
        if (c.verb === 'move') {
          if (!readRulebase('move', c.words, line, p.rulebase)) throw new Unread('move: the reader moves security rules only');
          continue;
        }
        if (!readNetwork(c.words, line, p.network) && !readObject(c.words, line, p.objects, context) && !readRulebase('set', c.words, line, p.rulebase)) {
          throw new Unread(`set ${c.words[0]}: not a part of the configuration the reader reads`);
        }
      } catch (x) {
        if (!(x instanceof Unread)) throw x;
        p.unknown.push({ ...line, reason: x.reason });
      }
    }
  }
  return p;
}

function compileRules(p: Parsed): Compiled[] {
  const zones = new Set(p.network.zones.keys());
  const out: Compiled[] = [];
  for (const name of p.rulebase.order) {
    const def = p.rulebase.rules.get(name)!;
    try {
      out.push(compile(def, p.objects, zones));
    } catch (x) {
      if (!(x instanceof Unread)) throw x;
      // A line already reported for this rule says it; otherwise the rule's first line carries the reason.
      if (!def.broken) p.unknown.push({ ...def.lines[0]!, reason: x.reason });
    }
  }
  for (const [name, i] of p.network.interfaces) {
    if (i.profile !== undefined && !p.network.profiles.has(i.profile)) {
      p.unknown.push({ ...i.lines[0]!, reason: `interface ${name} names management profile ${i.profile}, which no line defines` });
    }
  }
  return out;
}

function ordered(unknown: UnknownLine[], files: readonly ConfigFile[]): UnknownLine[] {
  const fileIndex = new Map(files.map((f, i) => [f.path, i]));
  const seen = new Set<string>();
  return unknown
    .filter((u) => !seen.has(`${u.file}:${u.line}`) && seen.add(`${u.file}:${u.line}`))
    .sort((a, b) => (fileIndex.get(a.file) ?? 0) - (fileIndex.get(b.file) ?? 0) || a.line - b.line);
}

export const paloaltoPanosReader: Reader = {
  read(files, context) {
    const parsed = parse(files, context);
    const fw: Firewall = { network: parsed.network, rules: compileRules(parsed), rulebase: parsed.rulebase };
    return {
      forward(p, from, to, state) {
        const a = zoneOf(fw.network, from);
        const b = zoneOf(fw.network, to);
        if ('error' in a) return { action: 'deny', where: a.error, lines: [] };
        if ('error' in b) return { action: 'deny', where: b.error, lines: [] };
        if (state === 'established') return { action: 'permit', where: `session (from ${a.zone} to ${b.zone}): a reply of an allowed session`, lines: [] };
        return decide(fw, a.zone, b.zone, p);
      },
      toDevice: (link, p) => toDevice(fw, link, p),
      switched: (link) => ({ action: 'permit', where: `VLAN of zone ${link.zone}: switched between stations, never reaches the firewall`, lines: [] }),
      unknown: ordered(parsed.unknown, files),
    } satisfies ConfigReading;
  },
};
