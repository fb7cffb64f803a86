import type { FlowRecord } from './flow-record.js';
import type { FormatReader, ParseOptions } from './format-reader.js';
import { hasPorts, ICMPV6, isIcmp, protocolNumber } from './protocol-number.js';
import { recordAddress } from './record-address.js';
import { countNumber, portNumber } from './record-numbers.js';
import { localTimeIso } from './record-time.js';

/**
 * `nfdump -o csv` (NetFlow v5/v9/IPFIX from nfcapd). nfdump 1.7.1 writes this header, then one flow a line, then a
 * `Summary` block; `-q` leaves out header and summary. Columns are read by the header's names when there is one.
 * Times are nfdump's local time (TZ of the machine that ran it) to the second. ICMP's type and code ride in the
 * destination port as type*256+code.
 */
export const NFDUMP_CSV_HEADER =
  'ts,te,td,sa,da,sp,dp,pr,flg,fwd,stos,ipkt,ibyt,opkt,obyt,in,out,sas,das,smk,dmk,dtos,dir,nh,nhb,svln,dvln,ismc,odmc,idmc,osmc,mpls1,mpls2,mpls3,mpls4,mpls5,mpls6,mpls7,mpls8,mpls9,mpls10,cl,sl,al,ra,eng,exid,tr';

const NEEDED = ['ts', 'te', 'sa', 'da', 'sp', 'dp', 'pr', 'ipkt', 'ibyt'] as const;
type Columns = Record<(typeof NEEDED)[number] | 'opkt' | 'obyt' | 'width', number>;

const DATA_LINE = /^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+,[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+,[0-9.]+,[0-9a-fA-F.:]+,[0-9a-fA-F.:]+,/;

function columnsOf(header: string): Columns | string {
  const names = header.split(',').map((n) => n.trim());
  const at = (name: string) => names.indexOf(name);
  const missing = NEEDED.filter((n) => at(n) === -1);
  if (missing.length > 0) return `the nfdump CSV header has no ${missing.join(', ')} column; print with nfdump -o csv`;
  const columns = Object.fromEntries([...NEEDED, 'opkt', 'obyt'].map((n) => [n, at(n)])) as Columns;
  // Split no further than the last column read: the 30-odd after it are never looked at.
  columns.width = Math.max(...Object.values(columns)) + 1;
  return columns;
}

const DEFAULT_COLUMNS = columnsOf(NFDUMP_CSV_HEADER) as Columns;

function parser(options: ParseOptions) {
  let columns = DEFAULT_COLUMNS;
  let inSummary = false;
  const time = localTimeIso(options.utcOffsetMinutes);
  return {
    line(text: string): FlowRecord | string | undefined {
      if (text.startsWith('ts,')) {
        const read = columnsOf(text);
        if (typeof read === 'string') return read;
        columns = read;
        inSummary = false;
        return undefined;
      }
      // nfdump's own words around the records: the summary block, and its note for an empty selection.
      if (text === 'Summary') inSummary = true;
      if (inSummary || text === 'No matching flows') return undefined;
      return flowOf(text.split(',', columns.width), columns, time);
    },
  };
}

function flowOf(f: string[], c: Columns, time: (text: string) => string | undefined): FlowRecord | string {
  const src = recordAddress(f[c.sa] ?? '');
  const dst = recordAddress(f[c.da] ?? '');
  if (src === undefined || dst === undefined) return `not an nfdump CSV flow: no source or destination address (columns sa, da)`;
  const proto = protocolNumber((f[c.pr] ?? '').trim());
  if (proto === undefined) return `unknown protocol "${f[c.pr]}" (column pr)`;
  const packets = countNumber(f[c.ipkt]);
  const bytes = countNumber(f[c.ibyt]);
  if (packets === undefined || bytes === undefined) return 'packet or byte count is not a number (columns ipkt, ibyt)';
  const first = time(f[c.ts] ?? '');
  const last = time(f[c.te] ?? '');
  if (first === undefined || last === undefined) return `time "${f[c.ts]}" is not nfdump's YYYY-MM-DD hh:mm:ss (columns ts, te)`;
  const record: FlowRecord = { src, dst, proto, packets: packets + (countNumber(f[c.opkt]) ?? 0), bytes: bytes + (countNumber(f[c.obyt]) ?? 0), first, last };
  const dp = portNumber(f[c.dp]);
  if (hasPorts(proto)) {
    record.srcPort = portNumber(f[c.sp]);
    record.dstPort = dp;
  } else if (isIcmp(proto) && dp !== undefined && !(proto === ICMPV6 && dp === 0)) {
    // ICMPv6 type 0 does not exist: nfdump prints 0 when the exporter did not send the type (softflowd over v9).
    record.dstPort = dp >> 8;
    record.icmpCode = dp & 0xff;
  }
  return record;
}

export const nfdumpCsv: FormatReader = {
  format: 'nfdump-csv',
  description: 'NetFlow/IPFIX as `nfdump -o csv` prints it',
  detect: (lines) => lines.some((l) => l.startsWith('ts,te,td,sa,da,')) || DATA_LINE.test(lines[0] ?? ''),
  parser,
};
