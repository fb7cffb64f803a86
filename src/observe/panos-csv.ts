import { findMonitorMarker } from '../model/monitor-marker.js';
import type { FlowRecord } from './flow-record.js';
import type { FormatReader, ParseOptions } from './format-reader.js';
import { csvFields } from './csv-fields.js';
import { hasPorts, ICMP, ICMPV6, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { countNumber, portNumber } from './record-numbers.js';
import { localTimeMillis, setSpan } from './record-time.js';

/**
 * PAN-OS traffic logs as CSV: syslog forwarding (each line may start with the syslog header) or an export with a
 * header row. Field order from Palo Alto Networks, "Traffic Log Fields" (PAN-OS 10.1 Administrator's Guide, Use
 * Syslog for Monitoring > Syslog Field Descriptions): FUTURE_USE, Receive Time, Serial Number, Type,
 * Threat/Content Type, FUTURE_USE, Generated Time, Source Address, Destination Address, NAT Source IP, NAT
 * Destination IP, Rule Name, Source User, Destination User, Application, Virtual System, Source Zone, Destination
 * Zone, Inbound Interface, Outbound Interface, Log Action, FUTURE_USE, Session ID, Repeat Count, Source Port,
 * Destination Port, NAT Source Port, NAT Destination Port, Flags, Protocol, Action, Bytes, Bytes Sent, Bytes
 * Received, Packets, Start Time, Elapsed Time, … Times are the firewall's local time (YYYY/MM/DD hh:mm:ss).
 */
const DOCUMENTED = { type: 3, generated: 6, src: 7, dst: 8, rule: 11, app: 14, sport: 24, dport: 25, proto: 29, action: 30, bytes: 31, packets: 34, start: 35, elapsed: 36 };
type Columns = typeof DOCUMENTED;

/** Header names of an exported CSV (lower case, letters and digits only) for each field read. */
const HEADER_NAMES: Record<keyof Columns, string[]> = {
  type: ['type'],
  generated: ['generatetime', 'generatedtime', 'timegenerated'],
  src: ['sourceaddress', 'sourceip', 'src'],
  dst: ['destinationaddress', 'destinationip', 'dst'],
  rule: ['rule', 'rulename'],
  app: ['application', 'app'],
  sport: ['sourceport', 'sport'],
  dport: ['destinationport', 'dport'],
  proto: ['ipprotocol', 'protocol', 'proto'],
  action: ['action'],
  bytes: ['bytes'],
  packets: ['packets'],
  start: ['starttime', 'start'],
  elapsed: ['elapsedtimesec', 'elapsedtime', 'elapsed'],
};

/** Where the log's CSV begins: FUTURE_USE (a number or nothing), then the receive time. */
const LOG_START = /(?:^|[\s>])([0-9]*,[0-9]{4}\/[0-9]{2}\/[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2},)/;

function columnsOf(header: string[]): Columns | string {
  const names = header.map((h) => h.toLowerCase().replace(/[^a-z0-9]/g, ''));
  const out = {} as Columns;
  for (const [key, aliases] of Object.entries(HEADER_NAMES) as [keyof Columns, string[]][]) {
    const i = names.findIndex((n) => aliases.includes(n));
    if (i === -1 && key !== 'generated' && key !== 'start' && key !== 'elapsed') return `the PAN-OS CSV header has no ${aliases[0]} column`;
    out[key] = i;
  }
  return out;
}

function parser(options: ParseOptions) {
  let columns: Columns = DOCUMENTED;
  let fromHeader = false;
  const time = (text: string | undefined) => (text === undefined ? undefined : localTimeMillis(text, options.utcOffsetMinutes));
  return {
    line(text: string): FlowRecord | string | undefined {
      if (/(^|,)Receive Time,/i.test(text)) {
        const read = columnsOf(csvFields(text));
        if (typeof read === 'string') return read;
        columns = read;
        fromHeader = true;
        return undefined;
      }
      const start = fromHeader ? undefined : LOG_START.exec(text);
      if (!fromHeader && !start) return 'not a PAN-OS log line (FUTURE_USE, receive time YYYY/MM/DD hh:mm:ss, serial, type, …)';
      const f = csvFields(start ? text.slice(start.index + start[0].length - start[1]!.length) : text);
      if (f[columns.type] !== 'TRAFFIC') return undefined; // threat, system, config logs carry no flow
      return recordOf(f, columns, time);
    },
  };
}

function recordOf(f: string[], c: Columns, time: (text: string | undefined) => number | undefined): FlowRecord | string {
  const src = recordAddress(f[c.src] ?? '');
  const dst = recordAddress(f[c.dst] ?? '');
  if (src === undefined || dst === undefined) return 'no source or destination address';
  const proto = protocolNumber(f[c.proto] ?? '');
  if (proto === undefined) return `unknown protocol "${f[c.proto] ?? ''}"`;
  const record: FlowRecord = { src, dst, proto, packets: countNumber(f[c.packets]) ?? 0, bytes: countNumber(f[c.bytes]) ?? 0 };
  if (hasPorts(proto)) {
    const [sport, dport] = [portNumber(f[c.sport]), portNumber(f[c.dport])];
    if (sport !== undefined) record.srcPort = sport;
    if (dport !== undefined) record.dstPort = dport;
  } else if ((proto === ICMP || proto === ICMPV6) && f[c.app] === 'ping') {
    // The traffic log has no ICMP type; App-ID's "ping" is the echo request.
    record.dstPort = proto === ICMP ? 8 : 128;
  }
  const startMs = time(f[c.start]) ?? time(f[c.generated]);
  if (startMs !== undefined) {
    const elapsed = Number(f[c.elapsed] ?? 0);
    setSpan(record, startMs, startMs + (Number.isFinite(elapsed) ? elapsed : 0) * 1000);
  }
  const action = f[c.action];
  if (action) record.action = action;
  const marker = findMonitorMarker(f[c.rule] ?? '');
  if (marker !== undefined) record.monitorMarker = marker;
  return record;
}

export const panosCsv: FormatReader = {
  format: 'panos-csv',
  description: 'PAN-OS traffic log CSV (syslog or export)',
  detect: (lines) => lines.some((l) => /,TRAFFIC,/.test(l) && LOG_START.test(l)) || /(^|,)Receive Time,.*,Type,/i.test(lines[0] ?? ''),
  parser,
};
