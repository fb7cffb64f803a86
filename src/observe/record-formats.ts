import type { RecordFormat } from './flow-record.js';
import type { FormatReader } from './format-reader.js';
import { conntrack } from './conntrack.js';
import { flowJsonl } from './flow-jsonl.js';
import { fortiosKv } from './fortios-kv.js';
import { kernelLog } from './kernel-log.js';
import { nfdumpCsv } from './nfdump-csv.js';
import { nfdumpJson } from './nfdump-json.js';
import { panosCsv } from './panos-csv.js';
import { zeekJson } from './zeek-json.js';
import { zeekTsv } from './zeek-tsv.js';

/** Every reader, by the name `--input-format` takes. */
export const formatReaders: Record<RecordFormat, FormatReader> = {
  'flow-jsonl': flowJsonl,
  'nfdump-csv': nfdumpCsv,
  'nfdump-json': nfdumpJson,
  conntrack,
  'kernel-log': kernelLog,
  'zeek-tsv': zeekTsv,
  'zeek-json': zeekJson,
  'panos-csv': panosCsv,
  'fortios-kv': fortiosKv,
};

/**
 * The order detection asks in: the formats with a header or a distinctive key first; the kernel log last, since
 * syslog wraps the firewall formats too and only its IN= OUT= SRC= fields tell it apart.
 */
const DETECTION_ORDER: RecordFormat[] = ['flow-jsonl', 'zeek-tsv', 'zeek-json', 'nfdump-csv', 'nfdump-json', 'panos-csv', 'fortios-kv', 'conntrack', 'kernel-log'];

/** How many non-empty lines detection looks at: enough for a pretty-printed nfdump JSON object or a dmesg preamble. */
export const DETECTION_LINES = 100;

/** The format of an input from its first non-empty lines, when one reader recognises them. */
export function detectFormat(lines: readonly string[]): RecordFormat | undefined {
  const window = lines.slice(0, DETECTION_LINES);
  return DETECTION_ORDER.find((format) => formatReaders[format].detect(window));
}
