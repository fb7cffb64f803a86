import { findMonitorMarker } from '../model/monitor-marker.js';
import type { FlowRecord } from './flow-record.js';
import type { FormatReader, ParseOptions } from './format-reader.js';
import { hasPorts, ICMP, ICMPV6, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { countNumber, icmpNumber, portNumber } from './record-numbers.js';
import { localTimeMillis, setSpan, zoneOffsetMinutes } from './record-time.js';

/**
 * FortiOS traffic logs, key=value (FortiOS Log Message Reference, type "traffic"): `date=2026-11-28 time=09:14:03
 * eventtime=… tz="+0100" … type="traffic" subtype="forward" srcip=… srcport=… dstip=… dstport=… proto=6
 * action="close" policyid=3 policyname="…" duration=5 sentbyte=… rcvdbyte=… sentpkt=… rcvdpkt=…`, quoted values may
 * hold spaces; a syslog header may come first. A session's log is written when it ends: the time is its end and
 * duration reaches back to its start. ICMP sessions carry `identifier=` instead of ports and usually no type.
 */
const PAIR = /([A-Za-z_][A-Za-z0-9_-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)/g;

function pairsOf(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(PAIR)) {
    const raw = m[2]!;
    if (!out.has(m[1]!)) out.set(m[1]!, raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw);
  }
  return out;
}

/** eventtime is seconds (FortiOS 6.0), or nanoseconds (6.2 on); its first 13 digits are milliseconds either way past 10. */
function eventMillis(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{10,19}$/.test(text)) return undefined;
  return text.length >= 13 ? Number(text.slice(0, 13)) : Number(text) * 1000;
}

function logMillis(kv: Map<string, string>, options: ParseOptions): number | undefined {
  const event = eventMillis(kv.get('eventtime'));
  if (event !== undefined) return event;
  const [date, time, tz] = [kv.get('date'), kv.get('time'), kv.get('tz')];
  if (date === undefined || time === undefined) return undefined;
  const offset = tz === undefined ? options.utcOffsetMinutes : zoneOffsetMinutes(tz);
  return offset === undefined ? undefined : localTimeMillis(`${date} ${time}`, offset);
}

function recordOf(text: string, options: ParseOptions): FlowRecord | string | undefined {
  const kv = pairsOf(text);
  const type = kv.get('type');
  if (type !== undefined && type !== 'traffic') return undefined; // event, utm and other logs carry no flow
  if (kv.size === 0) return 'not a FortiOS log line (key=value pairs)';
  const src = recordAddress(kv.get('srcip') ?? '');
  const dst = recordAddress(kv.get('dstip') ?? '');
  if (src === undefined || dst === undefined) return 'no srcip= or dstip= address';
  const proto = protocolNumber(kv.get('proto') ?? '');
  if (proto === undefined) return `no protocol number (proto=${kv.get('proto') ?? ''})`;
  const count = (key: string) => countNumber(kv.get(key)) ?? 0;
  const record: FlowRecord = { src, dst, proto, packets: count('sentpkt') + count('rcvdpkt'), bytes: count('sentbyte') + count('rcvdbyte') };
  if (hasPorts(proto)) {
    const [sport, dport] = [portNumber(kv.get('srcport')), portNumber(kv.get('dstport'))];
    if (sport !== undefined) record.srcPort = sport;
    if (dport !== undefined) record.dstPort = dport;
  } else if (proto === ICMP || proto === ICMPV6) {
    const type = icmpNumber(kv.get('icmptype'));
    const code = icmpNumber(kv.get('icmpcode'));
    // Without icmptype the service still names ping: the echo request.
    const ping = /^PING6?$/i.test(kv.get('service') ?? '') ? (proto === ICMP ? 8 : 128) : undefined;
    if ((type ?? ping) !== undefined) record.dstPort = type ?? ping;
    if (code !== undefined) record.icmpCode = code;
  }
  const end = logMillis(kv, options);
  if (end !== undefined) {
    const duration = countNumber(kv.get('duration')) ?? 0;
    setSpan(record, end - duration * 1000, end);
  }
  const action = kv.get('action');
  if (action) record.action = action;
  const marker = findMonitorMarker(kv.get('policyname') ?? '');
  if (marker !== undefined) record.monitorMarker = marker;
  return record;
}

export const fortiosKv: FormatReader = {
  format: 'fortios-kv',
  description: 'FortiOS traffic log, key=value',
  detect: (lines) => lines.some((l) => /(^|[\s>])date=[0-9]{4}-[0-9]{2}-[0-9]{2}\s/.test(l) && /\ssrcip=/.test(l)),
  parser: (options) => ({ line: (text) => recordOf(text, options) }),
};
