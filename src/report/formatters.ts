import type { Diagnostic } from '../model/diagnostic.js';
import { formatGithub } from './github.js';
import { formatJson } from './json.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';
import { formatStylish } from './stylish.js';
import type { Severity } from '../model/diagnostic.js';
import { FORMATS, isFormat, type Format } from './format-names.js';

export type { Format };

export interface FormatOptions {
  /** Stylish only; the CLI decides (NO_COLOR, non-TTY, machine formats). */
  color: boolean;
  /** The wardline version, for the SARIF driver. */
  toolVersion: string;
  /** Every file checked: junit lists a passing testcase per clean file, sarif lists them as artifacts. */
  files: string[];
  /** The least severity that fails the run (`check --fail-on`); junit fails those testcases only. Default: error. */
  failOn?: Severity;
}

/** Pure: the same diagnostics and options always give the same text. */
export type Formatter = (diagnostics: readonly Diagnostic[], options: FormatOptions) => string;

export const FORMATTERS: Record<Format, Formatter> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
  junit: formatJunit,
  github: formatGithub,
};

export { FORMATS, isFormat };
