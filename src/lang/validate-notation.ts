import type { OtherNotation, Plain } from './load-plain.js';
import type { Finding } from './validate-messages.js';
import { subjectName } from './validate-subject.js';

/** What YAML made of a number in another notation than plain decimal, in words. */
function notationOf(source: string): string {
  const text = source.replace(/^[-+]/, '');
  if (/^0x/.test(text)) return 'a hexadecimal number';
  if (/^0o/.test(text)) return 'an octal number';
  if (/^\.(inf|Inf|INF)$/.test(text)) return 'infinity';
  if (/^\.(nan|NaN|NAN)$/.test(text)) return 'not-a-number';
  if (/[eE]/.test(text)) return 'a number in exponent notation';
  if (text.includes('.')) return 'a decimal fraction';
  if (source.startsWith('+')) return 'a number with a plus sign';
  return 'a number with a leading zero';
}

/**
 * A whole-number field (a VLAN id, the language version) written 0x10, 1e2, 120.0 or 012: YAML reads a number the
 * author rarely meant (16, 100, 120, 12), so it is refused and the plain decimal asked for.
 */
export function notationFinding(root: Plain, n: OtherNotation): Finding {
  const plain = Number.isSafeInteger(n.value) ? String(n.value) : undefined;
  const hint = plain === undefined ? 'Write a whole number in plain decimal digits, like 120.' : `Write ${plain} if that is what you meant, in plain decimal digits.`;
  return {
    code: 'WL204',
    message: `${subjectName(root, n.path)} is ${read(n)}; write whole numbers as plain decimals`,
    hint,
    path: n.path,
    at: 'value',
    rank: 0,
  };
}

/** `written 0x10, which YAML reads as a hexadecimal number, 16` */
function read(n: OtherNotation): string {
  const value = Number.isFinite(n.value) ? `, ${n.value}` : '';
  return `written ${n.source}, which YAML reads as ${notationOf(n.source)}${value}`;
}

/** A number the schema refused (text was expected, or a whole number): said and quoted as written, not as YAML read it. */
export function asWritten(finding: Finding, n: OtherNotation): Finding {
  const message = finding.message.replace(`is the number ${String(n.value)};`, `is ${read(n)};`);
  const hint = finding.hint.startsWith('Quote it to make it text') ? `Quote it to make it text as written: "${n.source}".` : finding.hint;
  return { ...finding, message, hint };
}
