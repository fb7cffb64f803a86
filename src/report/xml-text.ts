/** Characters XML 1.0 cannot carry at all, even as references: most C0 controls, lone surrogates, U+FFFE/U+FFFF. */
const ILLEGAL_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text content: the five markup characters escaped, illegal characters dropped. */
export function xmlText(text: string): string {
  return text.replace(ILLEGAL_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** Attribute values: as text, plus whitespace as references so parsers do not fold it into spaces. */
export function xmlAttribute(text: string): string {
  return xmlText(text).replaceAll('\t', '&#9;').replaceAll('\n', '&#10;').replaceAll('\r', '&#13;');
}
