import type { FlowRecord } from './flow-record.js';
import type { FormatReader } from './format-reader.js';
import { hasPorts, isIcmp, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { countNumber, icmpNumber, portNumber } from './record-numbers.js';
import { epochSecondsMillis, setSpan } from './record-time.js';

/**
 * Linux `conntrack -L [-o extended]` (the table) and `conntrack -E -o timestamp,extended` (events), as conntrack-tools
 * 1.4 prints them:
 *   `ipv4     2 tcp      6 117 TIME_WAIT src=… dst=… sport=… dport=… packets=6 bytes=420 src=… … [ASSURED] mark=0 use=1`
 *   `[1796496731.853831]	    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=… [UNREPLIED] src=…`
 * The first tuple is the initiator's; counters (with nf_conntrack_acct=1) are summed over both directions.
 * One connection is one record: a NEW event is held until its DESTROY (which brings the counters, and delta-time
 * with nf_conntrack_timestamp=1), UPDATE events are state changes of a connection already counted.
 */
const LINE = /^(?:\[([0-9]+\.[0-9]+)\]\s+)?(?:\[(NEW|UPDATE|DESTROY)\]\s+)?(?:ipv[46]\s+[0-9]+\s+)?([a-z0-9-]+)\s+([0-9]{1,3})\s+(.*)$/;
const STATUS_FLAGS = new Set(['[ASSURED]', '[UNREPLIED]', '[OFFLOAD]', '[HW_OFFLOAD]']);
/** Open connections held for their DESTROY event; past this the oldest is handed on as it is. */
const MAX_OPEN = 100_000;

interface Tuple {
  src?: string;
  dst?: string;
  sport?: string;
  dport?: string;
  type?: string;
  code?: string;
  id?: string;
  packets?: string;
  bytes?: string;
}

interface Entry {
  record: FlowRecord;
  key: string;
  event?: 'NEW' | 'UPDATE' | 'DESTROY';
}

function entryOf(text: string): Entry | string | undefined {
  const m = LINE.exec(text);
  if (!m) return text.startsWith('conntrack v') ? undefined : 'not a conntrack line (protocol name and number, then src= dst= …)';
  const [, stamp, event, name, number, rest] = m;
  const proto = protocolNumber(number!);
  if (proto === undefined) return `protocol number ${number} (${name}) is out of range`;
  const tuples: Tuple[] = [{}, {}];
  const flags: string[] = [];
  let deltaTime: string | undefined;
  let at = -1;
  for (const token of rest!.split(/\s+/)) {
    if (token.startsWith('[')) {
      if (STATUS_FLAGS.has(token)) flags.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    if (eq === -1) continue; // timeout and TCP state
    const key = token.slice(0, eq);
    const value = token.slice(eq + 1);
    if (key === 'src') at++;
    if (key === 'delta-time') deltaTime = value;
    else if (at >= 0 && at < 2 && key in TUPLE_KEYS) tuples[at]![key as keyof Tuple] ??= value;
  }
  const [orig, reply] = tuples as [Tuple, Tuple];
  const src = recordAddress(orig.src ?? '');
  const dst = recordAddress(orig.dst ?? '');
  if (src === undefined || dst === undefined) return 'no src= and dst= addresses in the first tuple';
  const record: FlowRecord = {
    src,
    dst,
    proto,
    packets: (countNumber(orig.packets) ?? 0) + (countNumber(reply.packets) ?? 0),
    bytes: (countNumber(orig.bytes) ?? 0) + (countNumber(reply.bytes) ?? 0),
  };
  if (hasPorts(proto)) {
    record.srcPort = portNumber(orig.sport);
    record.dstPort = portNumber(orig.dport);
  } else if (isIcmp(proto)) {
    record.dstPort = icmpNumber(orig.type);
    record.icmpCode = icmpNumber(orig.code);
  }
  if (flags.length > 0) record.action = flags.join(' ');
  const ms = stamp === undefined ? undefined : epochSecondsMillis(stamp);
  if (ms !== undefined) {
    // A DESTROY's delta-time (nf_conntrack_timestamp=1) is the connection's age: it began that long before.
    const age = event === 'DESTROY' && deltaTime !== undefined ? (countNumber(deltaTime) ?? 0) : 0;
    setSpan(record, ms - age * 1000, ms);
  }
  for (const k of ['srcPort', 'dstPort', 'icmpCode'] as const) if (record[k] === undefined) delete record[k];
  const key = `${proto} ${src} ${dst} ${orig.sport ?? orig.type} ${orig.dport ?? orig.code} ${orig.id ?? ''}`;
  return { record, key, event: event as Entry['event'] };
}

const TUPLE_KEYS = { src: 1, dst: 1, sport: 1, dport: 1, type: 1, code: 1, id: 1, packets: 1, bytes: 1 };

function parser() {
  const open = new Map<string, FlowRecord>();
  return {
    line(text: string): FlowRecord | string | undefined {
      const entry = entryOf(text);
      if (entry === undefined || typeof entry === 'string') return entry;
      const { record, key, event } = entry;
      if (event === undefined) return record;
      if (event === 'UPDATE') return undefined;
      const opened = open.get(key);
      open.delete(key);
      if (event === 'DESTROY') {
        if (opened?.first !== undefined) record.first = opened.first;
        return record;
      }
      open.set(key, record);
      if (opened !== undefined) return opened; // a second NEW for the same tuple: the first connection ended unseen
      if (open.size > MAX_OPEN) {
        const [oldestKey, oldest] = open.entries().next().value as [string, FlowRecord];
        open.delete(oldestKey);
        return oldest;
      }
      return undefined;
    },
    end: () => open.values(),
  };
}

export const conntrack: FormatReader = {
  format: 'conntrack',
  description: 'Linux `conntrack -L -o extended` or `conntrack -E -o timestamp,extended` lines',
  detect: (lines) => lines.length > 0 && LINE.test(lines[0]!) && /\ssrc=\S+\s+dst=\S+/.test(lines[0]!),
  parser,
};
