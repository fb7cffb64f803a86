import type { Policy } from '../model/policy.js';
import { formatServiceRange, ICMP, ICMPV6, PORT_LAST, SCTP, TCP, UDP } from '../net/service.js';
import type { FlowRecord } from './flow-record.js';

/** The service one record was opened to: its name in messages, and the (proto, port) the simulator decides. */
export interface ObservedService {
  text: string;
  proto: number;
  /** tcp/udp/sctp: the port; icmp: type × 256 + code (code 0 when the record does not say); else 0. */
  port: number;
  /** The spec range it stands for (one port, one ICMP type with every code, or the whole protocol). */
  lo: number;
  hi: number;
}

/**
 * Names observed services: the policy's own name when one of its services is exactly that one port or ICMP type
 * (site services before the standard catalog, then by name), else the spec (`tcp/8443`, `icmp/echo-request`).
 */
export function serviceNamer(policy: Policy): (r: FlowRecord) => ObservedService | string {
  const names = new Map<string, string>();
  const services = [...policy.services.values()].sort((a, b) => Number(a.standard) - Number(b.standard) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const s of services) {
    if (s.specs.length !== 1) continue;
    const { proto, lo, hi } = s.specs[0]!.value;
    const key = `${proto}:${lo}:${hi}`;
    if (!names.has(key)) names.set(key, s.name);
  }
  const memo = new Map<number, ObservedService>();
  return (r) => {
    const ported = r.proto === TCP || r.proto === UDP || r.proto === SCTP;
    const icmp = r.proto === ICMP || r.proto === ICMPV6;
    if (!Number.isInteger(r.proto) || r.proto < 0 || r.proto > 255) return `protocol ${r.proto} is not an IANA protocol number (0-255)`;
    if (ported && (r.dstPort === undefined || !(r.dstPort >= 1 && r.dstPort <= PORT_LAST))) return `a ${formatServiceRange(r.proto, 0, 0).split('/')[0]} record needs a destination port 1-65535`;
    if (icmp && (r.dstPort === undefined || !(r.dstPort >= 0 && r.dstPort <= 255))) return 'an ICMP record needs its type (0-255) as dstPort';
    const code = icmp && r.icmpCode !== undefined && r.icmpCode >= 0 && r.icmpCode <= 255 ? r.icmpCode : 0;
    const key = ported ? r.proto * 65536 + r.dstPort! : icmp ? r.proto * 65536 + r.dstPort! * 256 + code : r.proto * 65536;
    let found = memo.get(key);
    if (!found) {
      const [lo, hi] = ported ? [r.dstPort!, r.dstPort!] : icmp ? [r.dstPort! * 256, r.dstPort! * 256 + 255] : [0, PORT_LAST];
      const port = ported ? r.dstPort! : icmp ? r.dstPort! * 256 + code : 0;
      const text = names.get(`${r.proto}:${lo}:${hi}`) ?? formatServiceRange(r.proto, lo, hi);
      memo.set(key, (found = { text, proto: r.proto, port, lo, hi }));
    }
    return found;
  };
}
