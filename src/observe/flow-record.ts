/**
 * One observed connection (or flow-export record) as every reader of `wardline observe` hands it on, whatever the
 * format it came from: addresses as text, the IANA protocol number, and the port (or ICMP type/code) it was opened to.
 */
export interface FlowRecord {
  /** The address that opened the connection (the initiator), IPv4 or IPv6 text. */
  src: string;
  dst: string;
  /** IANA protocol number: 6 tcp, 17 udp, 132 sctp, 1 icmp, 58 icmpv6, … */
  proto: number;
  /** tcp/udp/sctp: the initiator's port, when the format gives it. */
  srcPort?: number;
  /** tcp/udp/sctp: the port connected to. icmp/icmpv6: the type (as wardline's icmp/TYPE service). */
  dstPort?: number;
  /** icmp/icmpv6 code, when known. */
  icmpCode?: number;
  /** Packets and bytes in both directions when the format counts both, else the one it counts; 0 when unknown. */
  packets: number;
  bytes: number;
  /** When the connection was first and last seen, ISO 8601 UTC (`2026-11-28T09:14:03.120Z`), when the format says. */
  first?: string;
  last?: string;
  /** From wardline's own monitor-mode log lines: the marker of the intent that would have denied it (monitor-marker.ts). */
  monitorMarker?: string;
  /** What the format says the device did (`ACCEPT`, `allow`, `deny`, conntrack's `[ASSURED]`…), as written, when it says. */
  action?: string;
}

/** A line a reader could not take, counted and reported with its line number, never fatal. */
export interface RecordProblem {
  line: number;
  reason: string;
}

/** The formats `wardline observe` reads; `flow-jsonl` is wardline's own: one FlowRecord as JSON per line (README). */
export const RECORD_FORMATS = ['flow-jsonl', 'nfdump-csv', 'nfdump-json', 'conntrack', 'kernel-log', 'zeek-tsv', 'zeek-json', 'panos-csv', 'fortios-kv'] as const;
export type RecordFormat = (typeof RECORD_FORMATS)[number];
