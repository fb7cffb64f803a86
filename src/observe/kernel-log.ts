import { findMonitorMarker } from '../model/monitor-marker.js';
import type { FlowRecord } from './flow-record.js';
import type { FormatReader, ParseOptions } from './format-reader.js';
import { hasPorts, isIcmp, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { countNumber, icmpNumber, portNumber } from './record-numbers.js';
import { monthIndex, setSpan, wallClockMillis, zoneOffsetMinutes } from './record-time.js';

/**
 * Kernel log lines of nftables `log prefix "wlmon-1a2b3c4d "` and iptables `-j LOG --log-prefix …` (both print
 * through nf_log_syslog), as dmesg, `dmesg -T`, syslog and journalctl show them:
 *   `[62482.504624] wlmon-1a2b3c4d IN=eth0 OUT= MAC=… SRC=10.99.0.1 DST=10.99.0.2 LEN=60 … PROTO=TCP SPT=43962 DPT=8443 …`
 * Each line is one packet of LEN bytes. Other kernel messages are no records and pass silently; a LOG line
 * (IN= and OUT=) without SRC= (ARP, a bridge frame) is reported. IPv6 addresses come fully written out.
 */
const LOG_LINE = /(?:^|\s)IN=\S*\s+OUT=\S*/;
const FIELD = /(?:^|\s)([A-Z]+)=(\S*)/g;

/** When the line says it: RFC 3339 (rsyslog, `journalctl -o short-iso`) or `dmesg -T`. Plain dmesg counts from boot; BSD syslog has no year. */
function lineMillis(prefix: string, offsetMinutes: number): number | undefined {
  const iso = /^(?:<[0-9]+>)?([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:[.,]([0-9]{1,9}))?(Z|[+-][0-9]{2}:?[0-9]{2})?\s/.exec(prefix);
  if (iso) {
    const zone = iso[8] === undefined ? offsetMinutes : zoneOffsetMinutes(iso[8]);
    if (zone === undefined) return undefined;
    return wallClockMillis(+iso[1]!, +iso[2]! - 1, +iso[3]!, +iso[4]!, +iso[5]!, +iso[6]!, iso[7], zone);
  }
  const dmesgT = /^\[[A-Z][a-z]{2} ([A-Z][a-z]{2}) +([0-9]{1,2}) ([0-9]{2}):([0-9]{2}):([0-9]{2}) ([0-9]{4})\]/.exec(prefix);
  if (dmesgT) {
    const month = monthIndex(dmesgT[1]!);
    if (month === undefined) return undefined;
    return wallClockMillis(+dmesgT[6]!, month, +dmesgT[2]!, +dmesgT[3]!, +dmesgT[4]!, +dmesgT[5]!, undefined, offsetMinutes);
  }
  return undefined;
}

function recordOf(text: string, options: ParseOptions): FlowRecord | string | undefined {
  const log = LOG_LINE.exec(text);
  if (!log) return undefined;
  const prefix = text.slice(0, log.index);
  // The outer packet's fields come first; an ICMP error quotes the packet it answers in [ ] after them.
  const bracket = text.indexOf('[', log.index);
  const body = bracket === -1 ? text.slice(log.index) : text.slice(log.index, bracket);
  const f: Record<string, string> = {};
  for (const m of body.matchAll(FIELD)) f[m[1]!] ??= m[2]!;
  if (f.SRC === undefined) return 'a kernel LOG line without SRC= (not an IP packet): no record';
  const src = recordAddress(f.SRC);
  const dst = recordAddress(f.DST ?? '');
  if (src === undefined || dst === undefined) return `SRC=${f.SRC} DST=${f.DST ?? ''} are not IP addresses`;
  const proto = protocolNumber(f.PROTO ?? '');
  if (proto === undefined) return f.PROTO === undefined ? 'no PROTO=' : `unknown protocol PROTO=${f.PROTO}`;
  const record: FlowRecord = { src, dst, proto, packets: 1, bytes: countNumber(f.LEN) ?? 0 };
  if (hasPorts(proto)) {
    const [sport, dport] = [portNumber(f.SPT), portNumber(f.DPT)];
    if (sport !== undefined) record.srcPort = sport;
    if (dport !== undefined) record.dstPort = dport;
  } else if (isIcmp(proto)) {
    const [type, code] = [icmpNumber(f.TYPE), icmpNumber(f.CODE)];
    if (type !== undefined) record.dstPort = type;
    if (code !== undefined) record.icmpCode = code;
  }
  const ms = lineMillis(prefix, options.utcOffsetMinutes);
  if (ms !== undefined) setSpan(record, ms, ms);
  const marker = findMonitorMarker(prefix);
  if (marker !== undefined) record.monitorMarker = marker;
  return record;
}

export const kernelLog: FormatReader = {
  format: 'kernel-log',
  description: 'kernel log lines of nftables `log` / iptables `LOG` (dmesg, syslog, journalctl)',
  detect: (lines) => lines.some((l) => LOG_LINE.test(l) && /\sSRC=\S+\s+DST=/.test(l)),
  parser: (options) => ({ line: (text) => recordOf(text, options) }),
};
