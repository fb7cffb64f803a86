import type { FlowRecord, RecordFormat } from './flow-record.js';

export interface ParseOptions {
  /** Minutes east of UTC of times the format writes in the device's local time without a zone. */
  utcOffsetMinutes: number;
}

/** Reads one input's lines in order; some formats keep state (a header, an object spread over lines, open connections). */
export interface LineParser {
  /** A record; the reason the line is malformed; or undefined for a line that carries no record (a header, a summary, another program's log line). */
  line(text: string): FlowRecord | string | undefined;
  /** Records held back until the input ends (conntrack connections whose end was not seen). */
  end?(): Iterable<FlowRecord>;
}

/** One flow-record format: how to recognise it from an input's first lines, and how to read it. */
export interface FormatReader {
  format: RecordFormat;
  /** What the format is, for messages: the tool and the command that writes it. */
  description: string;
  /** Whether these first non-empty lines are in this format. */
  detect(lines: readonly string[]): boolean;
  parser(options: ParseOptions): LineParser;
}
