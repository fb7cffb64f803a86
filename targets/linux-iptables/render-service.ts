import type { Family, PortRange, ServiceMatch } from '../../src/compile/ir.js';

// Names iptables knows without /etc/protocols; other protocols are spelled as numbers.
const PROTO_NAMES: Record<number, string> = { 1: 'icmp', 6: 'tcp', 17: 'udp', 58: 'ipv6-icmp', 132: 'sctp' };
const PORTED = new Set([6, 17, 132]);
/** multiport takes 15 ports, a range counting as two. */
const MULTIPORT_SLOTS = 15;

const ICMP_TYPES: Record<number, string> = {
  0: 'echo-reply',
  3: 'destination-unreachable',
  8: 'echo-request',
  11: 'time-exceeded',
  12: 'parameter-problem',
};
const ICMPV6_TYPES: Record<number, string> = {
  1: 'destination-unreachable',
  2: 'packet-too-big',
  3: 'time-exceeded',
  4: 'parameter-problem',
  128: 'echo-request',
  129: 'echo-reply',
};

const portText = (r: PortRange) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}:${r.hi}`);

/** Port lists cut to what one multiport match takes. */
function portChunks(ports: PortRange[]): PortRange[][] {
  const chunks: PortRange[][] = [];
  let slots = 0;
  for (const r of ports) {
    const need = r.lo === r.hi ? 1 : 2;
    const last = chunks[chunks.length - 1];
    if (last && slots + need <= MULTIPORT_SLOTS) {
      last.push(r);
      slots += need;
    } else {
      chunks.push([r]);
      slots = need;
    }
  }
  return chunks;
}

/**
 * The protocol arguments of iptables rules for one service match: one string per rule needed ('' for every
 * protocol). The icmp matches take one type each, and multiport 15 ports, so a match may need several rules.
 */
export function serviceArguments(m: ServiceMatch, family: Family): string[] {
  if (m.proto === 'any') return [''];
  const proto = m.proto;
  const p = `-p ${PROTO_NAMES[proto] ?? proto}`;
  if (m.ports) {
    if (!PORTED.has(proto)) throw new Error(`linux-iptables: ports on protocol ${proto} in the IR`);
    return portChunks(m.ports).map((chunk) =>
      chunk.length === 1 ? `${p} --dport ${portText(chunk[0]!)}` : `${p} -m multiport --dports ${chunk.map(portText).join(',')}`,
    );
  }
  if (m.icmp && (proto === 1 || proto === 58)) {
    const [option, names] = proto === 1 ? ['--icmp-type', ICMP_TYPES] : ['--icmpv6-type', ICMPV6_TYPES];
    if ((proto === 1) !== (family === 4)) throw new Error(`linux-iptables: ICMP protocol ${proto} in an IPv${family} rule`);
    return m.icmp.map((t) => `${p} ${option} ${t.code === undefined ? (names[t.type] ?? t.type) : `${t.type}/${t.code}`}`);
  }
  return [p];
}
