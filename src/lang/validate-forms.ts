import { dateProblem } from '../model/expiry.js';
import { parsePrefix } from '../net/address.js';
import { FREE_TEXT_PATTERN, looksLikeAddress, NAME_PATTERN, SERVICE_REF_PATTERN } from './schema-formats.js';
import type { Finding } from './validate-messages.js';
import { quote } from '../model/quoted.js';

const FREE_TEXT = new RegExp(FREE_TEXT_PATTERN, 'u');

/** Builds a shape finding (WL203/WL204) placed on the node at hand. */
export type Shape = (code: 'WL203' | 'WL204', message: string, hint: string) => Finding;

export function formatFinding(shape: Shape, format: string, text: string): Finding {
  switch (format) {
    case 'ip-prefix':
      return shape('WL204', `${quote(text)} is not an address or prefix${prefixProblem(text)}`, 'Write an IPv4 or IPv6 address or prefix, like 10.20.0.0/22 or fd00:20::/64.');
    case 'ip-address': {
      const problem = text.includes('/') ? ': a gateway is an address, without a prefix length' : prefixProblem(text);
      return shape('WL204', `${quote(text)} is not an IP address${problem}`, 'Write an IPv4 or IPv6 address, like 10.20.0.1 or fd00:20::1.');
    }
    case 'service-spec':
      return shape('WL204', `${quote(text)} is not a service spec`, 'Write protocol/port, like tcp/443, udp/5000-5010, tcp/any, icmp/echo-request, icmp/3/4 or proto/50.');
    case 'date':
      return shape('WL204', `${quote(text)} is not a date: ${dateProblem(text) ?? 'it is not written YYYY-MM-DD'}`, 'Write the date as YYYY-MM-DD, like 2026-12-31.');
    default: {
      const hint = 'Name a group or zone, write label:NAME, an address or prefix (like 10.20.1.0/24), external or any.';
      const label = text.startsWith('label:');
      const problem = label ? `: ${nameProblem(text.slice('label:'.length))}` : looksLikeAddress(text) ? prefixProblem(text) : `: ${nameProblem(text)}`;
      // The address parser's own words already name the value: "10.1.1.300" is not a valid IPv4 address…
      const own = problem.startsWith(`: ${quote(text)} `);
      return shape('WL204', own ? problem.slice(2) : `${quote(text)} is not an endpoint${problem}`, hint);
    }
  }
}

function prefixProblem(text: string): string {
  const parsed = parsePrefix(text);
  return 'error' in parsed ? `: ${parsed.error}` : '';
}

export function patternFinding(shape: Shape, pattern: string, text: string, subject: string): Finding {
  if (pattern === NAME_PATTERN) {
    return shape('WL204', `${quote(text)} is not a valid name: ${nameProblem(text)}`, 'A name is a letter or digit, then letters, digits, "_", "." or "-", at most 64 characters.');
  }
  if (pattern === FREE_TEXT_PATTERN) {
    const bad = [...text].find((c) => !FREE_TEXT.test(c)) ?? '';
    const code = `U+${(bad.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    return shape('WL204', `${subject} contains a control character (${code}${bad === '\n' ? ', a line break' : bad === '\t' ? ', a tab' : ''})`, 'Free text is one line: remove line breaks and tabs (a YAML "|" or ">" block keeps line breaks; write the text on one line).');
  }
  if (pattern === SERVICE_REF_PATTERN) {
    return shape('WL204', `${quote(text)} is not a service name or spec`, 'Name a service (https, ssh, or one under "services") or write protocol/port, like tcp/443.');
  }
  return shape('WL204', `${quote(text)} does not match ${pattern}`, 'Check the value against docs/language.md.');
}

/** Why a text is not a name, in words. */
export function nameProblem(text: string): string {
  if (text === '') return 'it is empty';
  if (text.length > 64) return `it is ${text.length} characters long; at most 64`;
  if (!/^[A-Za-z0-9]/.test(text)) return `it starts with ${quote(text[0]!)}; start with a letter or digit`;
  const bad = [...text].find((c) => !/[A-Za-z0-9_.-]/.test(c));
  return bad === undefined ? 'it is not a name' : `${quote(bad)} is not allowed in a name`;
}
