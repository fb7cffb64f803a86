/**
 * The ExtremeXOS reader: what a switch does with the `.pol` ACL policy files and the CLI script (`setup.xsf`) of one
 * device, read under the ExtremeXOS User Guide's ACL semantics, never from the renderer's code.
 *
 * Semantics (ExtremeXOS User Guide, "ACL Rule Syntax" and "ACL Match Conditions"):
 * - Entries are evaluated in file order; the first whose conditions all match decides. A packet that matches no entry
 *   is PERMITTED (there is no implicit deny: a policy denies the rest only with its own last entry).
 * - An entry without conditions matches every packet on ingress and NO packet on egress.
 * - An entry without permit or deny permits. count, packet-count, byte-count, log, log-raw, mirror-cpu, qosprofile and
 *   meter change no verdict.
 * - tcp-flags compares the whole TCP flags field with its one value (SYN_ACK matches 0x12 only, not 0x12 with PSH).
 * - An address condition matches its own IP version only: an IPv4 entry never matches an IPv6 packet, so an IPv6
 *   packet passes a policy of IPv4 entries (unless an entry without addresses matches it).
 * - icmp-type without icmp-code matches every code of the type.
 * - Stateless: connection state is never consulted.
 * - A routed packet meets the ingress policy of the VLAN it enters by, then the egress policy of the VLAN it leaves by;
 *   the first deny stops it. It is routed only from a VLAN with `enable ipforwarding` for its IP version. A packet to
 *   the switch itself meets the ingress policy of its VLAN. A packet switched between two stations of a VLAN meets its
 *   ingress and its egress policy (VLAN ACLs see switched packets). A VLAN without a policy bound filters nothing.
 *
 * Zone links: a link is the VLAN with its VLAN id as tag, else the VLAN named as its interface, else the VLAN named
 * after its zone (compared with every character other than a letter or digit read as `_`, EXOS names' alphabet, and
 * case); a VLAN tagged with another id is never the link of a zone with a VLAN id. A zone with no VLAN on the switch
 * is not routed by it (forward and toDevice deny; switched permits, nothing filters it). An undefined link is the
 * switch's uplink side, which no file of wardline's binds a policy to: it filters nothing.
 *
 * Syntax understood (keywords in any case; anything else is returned in `unknown` with the reason):
 * - Policy files (`NAME.pol`, bound as NAME): `#` comment lines; `entry NAME { if [match all] { ... } then { ... } }`
 *   over any lines. Conditions: source-address / destination-address as `A.B.C.D/N`, an address alone (a host),
 *   `A / N`, `A mask M.M.M.M` (the mask's bits compared), IPv6 `X::/N`; protocol as a number or tcp, udp, icmp,
 *   igmp, gre, egp; source-port / destination-port as `N`, `N - M`, `N-M`, `< N`, `<= N`, `> N`, `>= N` (numbers,
 *   not port names), with protocol tcp or udp; icmp-type and icmp-code as numbers or the guide's names (not the
 *   redirect codes), with protocol icmp (or 58); tcp-flags as a number or FIN, SYN, RST, ACK, URG, SYN_ACK, with
 *   protocol tcp. One condition of each kind per entry; one IP version per policy, and IPv4 only in a policy bound
 *   egress (the switch refuses the binding otherwise, so it is reported and binds nothing). An entry with an unread
 *   part is reported and takes no part in evaluation.
 * - The script (`*.xsf`): `#` comment lines; create vlan NAME [tag N] [vr VR]; configure vlan NAME tag N |
 *   ipaddress A/N | ipaddress A MASK | add secondary-ipaddress ... | add ports LIST [tagged|untagged] |
 *   description TEXT; enable | disable ipforwarding [ipv4|ipv6] [vlan NAME] (without a VLAN: every VLAN created so
 *   far); create | enable vrrp vlan NAME vrid N; configure vrrp vlan NAME vrid N add A | priority P | preempt |
 *   dont-preempt; configure access-list NAME vlan VLAN [ingress|egress] (one per VLAN and direction; a NAME with no
 *   NAME.pol among the files is reported and binds nothing, as the switch refuses it); configure bootprelay add A
 *   [vr VR]; enable bootprelay [ipv4] [vlan NAME]; save configuration. `config` is read as `configure`.
 */
import type { ConfigFile, ConfigLine, ConfigReading, Reader, ReadVerdict, UnknownLine, WirePacket, ZoneLink } from '../reader.js';
import { numberedLines } from '../reader.js';
import { keyFamily } from '../../src/net/address.js';
import { addressFamily, meets } from './read-conditions.js';
import { readPolicy, type Policy, type PolicyEntry } from './read-policy.js';
import { readScripts, type Vlan } from './read-script.js';

type Direction = 'ingress' | 'egress';

/** One filter a packet met: where, what it decided, and the entry that decided (none when nothing matched). */
interface Step {
  where: string;
  action: 'permit' | 'deny';
  lines: ConfigLine[];
}

export const extremeExosReader: Reader = {
  read(files: readonly ConfigFile[]): ConfigReading {
    const unknown: UnknownLine[] = [];
    const policies = new Map<string, Policy>();
    for (const f of files.filter((x) => /\.pol$/i.test(x.path))) {
      const r = readPolicy(f);
      policies.set(r.policy.name, r.policy);
      unknown.push(...r.unknown);
    }
    const script = readScripts(files.filter((x) => /\.xsf$/i.test(x.path)));
    unknown.push(...script.unknown);
    unknown.push(...refusedBindings([...script.vlans.values()], policies));
    for (const f of files.filter((x) => !/\.(pol|xsf)$/i.test(x.path))) {
      const first = numberedLines(f).find((l) => l.text.trim() !== '');
      if (first) unknown.push({ ...first, reason: 'not an ExtremeXOS policy (.pol) or script (.xsf) file' });
    }
    unknown.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));

    const vlanOf = linkFinder([...script.vlans.values()]);
    const filter = (vlan: Vlan, d: Direction, p: WirePacket): Step => {
      const binding = vlan[d];
      const where = `vlan ${vlan.name} ${d}`;
      if (!binding) return { where: `${where} (no access-list)`, action: 'permit', lines: [] };
      const entry = firstMatch(policies.get(binding.policy)!, d, p);
      if (!entry) return { where: `${where} access-list ${binding.policy} (no entry matches: permitted)`, action: 'permit', lines: [] };
      return { where: `${where} access-list ${binding.policy} entry ${entry.name}`, action: entry.action, lines: entry.lines };
    };
    const absent = (link: ZoneLink): ReadVerdict => ({ action: 'deny', where: `no VLAN for zone ${link.zone}${link.vlan === undefined ? '' : ` (tag ${link.vlan})`} on this switch`, lines: [] });

    return {
      unknown,
      forward(p, from, to) {
        const steps: Step[] = [];
        if (from) {
          const vlan = vlanOf(from);
          if (!vlan) return absent(from);
          const family = keyFamily(p.src);
          if (!vlan.forwarding.has(family)) return { action: 'deny', where: `vlan ${vlan.name}: IPv${family} forwarding is not enabled`, lines: [] };
          steps.push(filter(vlan, 'ingress', p));
        }
        if (to) {
          const vlan = vlanOf(to);
          if (!vlan) return absent(to);
          steps.push(filter(vlan, 'egress', p));
        }
        return steps.length ? verdict(steps) : { action: 'permit', where: 'uplink to uplink: no access-list', lines: [] };
      },
      toDevice(link, p) {
        const vlan = vlanOf(link);
        return vlan ? verdict([filter(vlan, 'ingress', p)]) : absent(link);
      },
      switched(link, p) {
        const vlan = vlanOf(link);
        if (!vlan) return { action: 'permit', where: `no VLAN for zone ${link.zone} on this switch`, lines: [] };
        return verdict([filter(vlan, 'ingress', p), filter(vlan, 'egress', p)]);
      },
    };
  },
};

function firstMatch(policy: Policy, d: Direction, p: WirePacket): PolicyEntry | undefined {
  return policy.entries.find(
    (e) => e.readable && (e.conditions.length > 0 || d === 'ingress') && e.conditions.every((c) => meets(c, p)),
  );
}

/** The first deny decides; a permit names every filter it passed and the entries that passed it. */
function verdict(steps: Step[]): ReadVerdict {
  const denied = steps.find((s) => s.action === 'deny');
  if (denied) return { action: 'deny', where: denied.where, lines: denied.lines };
  return { action: 'permit', where: steps.map((s) => s.where).join(', '), lines: steps.flatMap((s) => s.lines) };
}

/**
 * Bindings the switch refuses, which therefore bind nothing: a policy that is not among the files, and a policy with
 * IPv6 addresses bound egress (egress ACLs take IPv4 addresses only, the guide's match conditions).
 */
function refusedBindings(vlans: Vlan[], policies: Map<string, Policy>): UnknownLine[] {
  const out: UnknownLine[] = [];
  for (const v of vlans) {
    for (const d of ['ingress', 'egress'] as const) {
      const b = v[d];
      if (!b) continue;
      const policy = policies.get(b.policy);
      const v6 = d === 'egress' ? policy?.entries.find((e) => addressFamily(e.conditions) === 6) : undefined;
      let reason: string | undefined;
      if (!policy) reason = `no policy file ${b.policy}.pol among the files: the switch refuses this binding`;
      else if (v6) reason = `policy ${b.policy} has IPv6 addresses (entry ${v6.name}), which egress access-lists do not take`;
      if (reason) {
        out.push({ ...b.line, reason });
        v[d] = undefined;
      }
    }
  }
  return out;
}

/**
 * A zone link's VLAN: by tag, then by interface name, then by the zone's name in EXOS's alphabet. A VLAN tagged other
 * than the link's VLAN id is never the link's, whatever its name: frames of the link's VLAN do not reach it.
 */
function linkFinder(vlans: Vlan[]): (link: ZoneLink) => Vlan | undefined {
  const simple = (name: string) => name.replace(/[^A-Za-z0-9]/g, '_').toLowerCase();
  return (link) => {
    const candidates = link.vlan === undefined ? vlans : vlans.filter((v) => v.tag === undefined || v.tag === link.vlan);
    return (
      (link.vlan !== undefined ? candidates.find((v) => v.tag === link.vlan) : undefined) ??
      (link.interface !== undefined ? candidates.find((v) => v.name === link.interface) : undefined) ??
      candidates.find((v) => simple(v.name) === simple(link.zone))
    );
  };
}
