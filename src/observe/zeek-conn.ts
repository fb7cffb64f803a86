import type { FlowRecord } from './flow-record.js';
import { hasPorts, ICMP, ICMPV6, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { setSpan } from './record-time.js';

/**
 * One Zeek conn.log entry, whichever way it was written (TSV or JSON), to a record. Zeek's documented conn.log
 * fields: id.orig_h/id.orig_p (the originator), id.resp_h/id.resp_p, proto (tcp, udp, icmp: ICMPv6 too), duration,
 * orig_pkts/resp_pkts, orig_ip_bytes/resp_ip_bytes (IP level, what NetFlow and conntrack count; orig_bytes/resp_bytes
 * are payload only and taken when the IP counts are missing), conn_state. For ICMP Zeek puts the type in
 * id.orig_p and the code in id.resp_p.
 */
export interface ZeekConn {
  /** Epoch seconds (Zeek's default) or milliseconds from an ISO 8601 timestamp (JSON::TS_ISO8601). */
  tsMillis?: number;
  origH?: string;
  origP?: number;
  respH?: string;
  respP?: number;
  proto?: string;
  duration?: number;
  origPkts?: number;
  respPkts?: number;
  origIpBytes?: number;
  respIpBytes?: number;
  origBytes?: number;
  respBytes?: number;
  connState?: string;
}

export function zeekRecord(c: ZeekConn): FlowRecord | string {
  const src = recordAddress(c.origH ?? '');
  const dst = recordAddress(c.respH ?? '');
  if (src === undefined || dst === undefined) return 'no id.orig_h or id.resp_h address';
  let proto = protocolNumber(c.proto ?? '');
  if (proto === undefined) return c.proto === 'unknown_transport' ? 'a connection of an unknown transport: no protocol' : `unknown proto "${c.proto ?? ''}"`;
  if (proto === ICMP && src.includes(':')) proto = ICMPV6;
  const ipBytes = c.origIpBytes !== undefined || c.respIpBytes !== undefined;
  const record: FlowRecord = {
    src,
    dst,
    proto,
    packets: (c.origPkts ?? 0) + (c.respPkts ?? 0),
    bytes: ipBytes ? (c.origIpBytes ?? 0) + (c.respIpBytes ?? 0) : (c.origBytes ?? 0) + (c.respBytes ?? 0),
  };
  if (hasPorts(proto)) {
    if (c.origP !== undefined) record.srcPort = c.origP;
    if (c.respP !== undefined) record.dstPort = c.respP;
  } else if (proto === ICMP || proto === ICMPV6) {
    if (c.origP !== undefined) record.dstPort = c.origP;
    if (c.respP !== undefined) record.icmpCode = c.respP;
  }
  if (c.tsMillis !== undefined) setSpan(record, c.tsMillis, c.tsMillis + (c.duration ?? 0) * 1000);
  if (c.connState !== undefined) record.action = c.connState;
  return record;
}
