import { provenanceText } from '../../src/compile/ir-text.js';
import type { AclLine, AddressObject, PortRange, ServiceMatch, ZoneInterface } from '../../src/compile/ir.js';
import { commentText } from './escape.js';
import { portText } from './match.js';
import { COMMENT_MAX } from './render-filter.js';

const PROTOCOLS: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'icmp6', 132: 'sctp' };

/**
 * Port isolation as an ethernet-switching filter on the zone's VLAN, in the IR's order, first match wins: it accepts
 * what isolation keeps (link services, neighbour discovery, the gateway), discards IP between the zone's stations
 * (its subnets, link-local, broadcast, multicast) and accepts everything else. Ethernet-switching filters take
 * addresses, not prefix lists: each object is written out (`ip-source-address`, `ip6-source-address`), the protocol
 * as `ip-protocol` (IPv4) or `next-header` (IPv6).
 */
export function renderIsolationFilter(z: ZoneInterface, objects: readonly AddressObject[]): string[] {
  const iso = z.isolation;
  if (!iso || z.vlan === undefined) return [];
  const prefixes = new Map(objects.map((o) => [o.name, o.prefixes]));
  const base = `set firewall family ethernet-switching filter ${iso.name}`;
  const out = [
    `# filter ${iso.name}: port isolation of zone ${z.zone}, bound to its VLAN. It sees what this switch switches:`,
    '# hosts that meet on a downstream access switch never reach it, so isolate their ports there too.',
    `delete firewall family ethernet-switching filter ${iso.name}`,
  ];
  for (const f of iso.families) {
    f.lines.forEach((line, i) => {
      const term = `v${f.family}-${String((i + 1) * 10).padStart(3, '0')}-${line.provenance.isolation ?? 'hosts'}`;
      out.push(`# ${commentText(`${term}: ${provenanceText(line.provenance)}`, COMMENT_MAX)}`);
      const conditions = [...addresses(line, 'source', prefixes), ...addresses(line, 'destination', prefixes), ...service(line)];
      for (const c of conditions) out.push(`${base} term ${term} from ${c}`);
      out.push(`${base} term ${term} then ${line.action === 'permit' ? 'accept' : 'discard'}`);
    });
  }
  out.push(`${base} term other then accept`);
  return out;
}

function addresses(line: AclLine, side: 'source' | 'destination', prefixes: Map<string, string[]>): string[] {
  const name = side === 'source' ? line.src : line.dst;
  const word = `${line.family === 4 ? 'ip' : 'ip6'}-${side}-address`;
  if (name === 'any') return line.family === 6 ? [`${word} ::/0`] : [`${word} 0.0.0.0/0`];
  return (prefixes.get(name) ?? []).map((p) => `${word} ${p}`);
}

function service(line: AclLine): string[] {
  const s: ServiceMatch = line.service ?? { proto: 'any' };
  if (s.proto === 'any') return [];
  const proto = `${line.family === 4 ? 'ip-protocol' : 'next-header'} ${PROTOCOLS[s.proto] ?? s.proto}`;
  if (s.ports) return [proto, ...s.ports.map((r: PortRange) => `destination-port ${portText(r)}`)];
  if (s.icmp) return [proto, ...s.icmp.map((m) => `icmp-type ${m.type}`)];
  return [proto];
}
