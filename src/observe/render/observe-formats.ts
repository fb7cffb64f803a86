import type { ObserveReport } from '../observe-report.js';
import { formatObserveCsv } from './observe-csv.js';
import { formatObserveJson } from './observe-json.js';
import { formatObserveMarkdown } from './observe-markdown.js';
import { formatObserveText } from './observe-text.js';

export const OBSERVE_FORMATS = { text: formatObserveText, json: formatObserveJson, markdown: formatObserveMarkdown, csv: formatObserveCsv } as const satisfies Record<string, (r: ObserveReport) => string>;

export type ObserveFormat = keyof typeof OBSERVE_FORMATS;
