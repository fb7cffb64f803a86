import type { FlowRecord } from './flow-record.js';
import type { FormatReader } from './format-reader.js';
import { countNumber, portNumber } from './record-numbers.js';
import { epochSecondsMillis } from './record-time.js';
import { zeekRecord } from './zeek-conn.js';

/**
 * Zeek conn.log in its default TSV: `#separator \x09`, `#set_separator`, `#empty_field`, `#unset_field`, `#path conn`,
 * `#open`, `#fields ts uid id.orig_h …`, `#types …`, one connection a line, `#close`. Columns are read by #fields.
 */
interface Header {
  separator: string;
  unset: string;
  empty: string;
  at: Map<string, number>;
  /** Set by a #path other than conn: the log holds something else (dns, http), not connections. */
  otherPath?: string;
}

const NEEDED = ['id.orig_h', 'id.resp_h', 'proto'];

function unescapeSeparator(text: string): string {
  return text.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function parser() {
  const header: Header = { separator: '\t', unset: '-', empty: '(empty)', at: new Map() };
  return {
    line(text: string): FlowRecord | string | undefined {
      if (text.startsWith('#')) return directive(text, header);
      if (header.otherPath !== undefined) return `a line of Zeek's ${header.otherPath}.log: observe reads conn.log`;
      if (header.at.size === 0) return 'a Zeek record before its #fields line';
      const f = text.split(header.separator);
      const get = (name: string) => {
        const i = header.at.get(name);
        const v = i === undefined ? undefined : f[i];
        return v === undefined || v === header.unset || v === header.empty ? undefined : v;
      };
      const num = (name: string) => countNumber(get(name));
      const duration = Number(get('duration') ?? 0);
      const ts = get('ts');
      return zeekRecord({
        tsMillis: ts === undefined ? undefined : (epochSecondsMillis(ts) ?? isoMillis(ts)),
        origH: get('id.orig_h'),
        origP: portNumber(get('id.orig_p')),
        respH: get('id.resp_h'),
        respP: portNumber(get('id.resp_p')),
        proto: get('proto'),
        duration: Number.isFinite(duration) ? duration : undefined,
        origPkts: num('orig_pkts'),
        respPkts: num('resp_pkts'),
        origIpBytes: num('orig_ip_bytes'),
        respIpBytes: num('resp_ip_bytes'),
        origBytes: num('orig_bytes'),
        respBytes: num('resp_bytes'),
        connState: get('conn_state'),
      });
    },
  };
}

function isoMillis(text: string): number | undefined {
  const ms = Date.parse(text);
  return /^[0-9]{4}-[0-9]{2}-[0-9]{2}T/.test(text) && Number.isFinite(ms) ? ms : undefined;
}

function directive(text: string, header: Header): string | undefined {
  const space = text.startsWith('#separator ') ? '#separator'.length : -1;
  if (space !== -1) {
    header.separator = unescapeSeparator(text.slice(space + 1));
    return undefined;
  }
  const [name, ...values] = text.split(header.separator);
  if (name === '#unset_field') header.unset = values[0] ?? '-';
  else if (name === '#empty_field') header.empty = values[0] ?? '(empty)';
  else if (name === '#path') header.otherPath = values[0] === 'conn' ? undefined : values[0];
  else if (name === '#fields') {
    header.at = new Map(values.map((v, i) => [v, i]));
    const missing = NEEDED.filter((n) => !header.at.has(n));
    if (missing.length > 0) {
      header.at = new Map();
      return `the #fields line has no ${missing.join(', ')}: not a conn.log`;
    }
  }
  return undefined;
}

export const zeekTsv: FormatReader = {
  format: 'zeek-tsv',
  description: 'Zeek conn.log (TSV with #fields)',
  detect: (lines) => lines.some((l) => l.startsWith('#fields') && l.includes('id.orig_h')) || (lines[0] ?? '').startsWith('#separator'),
  parser,
};
