import { provenanceText } from '../../src/compile/ir-text.js';
import type { AclList, AddressObject, Family } from '../../src/compile/ir.js';
import { cliName, wrapText } from './escape.js';
import { aclAddress } from './prefix.js';
import { lineEntries } from './render-match.js';

/** EOS keeps remarks of up to 100 characters. */
export const REMARK_MAX = 100;
const STEP = 10;

/** Object name → its addresses as EOS rule operands; `any` stays `any`. */
export type AddressBook = (name: string, family: Family) => string[];

export function addressBook(objects: AddressObject[]): AddressBook {
  const byName = new Map(objects.map((o) => [o.name, o.prefixes.map((p) => aclAddress(p, o.family))]));
  return (name) => {
    if (name === 'any') return ['any'];
    const found = byName.get(name);
    if (!found) throw new Error(`the program has no address object ${JSON.stringify(name)}`);
    return found;
  };
}

/**
 * One list in the IR's order, numbered 10, 20, … (remarks included) so a re-applied list keeps its order:
 * each line's remark (its intent), then its rules. The zone's neighbour discovery with the gateway comes first in the
 * IR, from its link infrastructure, ahead of the guardrails and the final deny.
 */
export function renderList(list: AclList, book: AddressBook): string[] {
  const body: string[] = [];
  for (const line of list.lines) {
    body.push(...remarks(provenanceText(line.provenance)));
    // The objects are expanded below, so their names survive only here.
    if (line.src !== 'any' || line.dst !== 'any') body.push(...remarks(`from ${line.src} to ${line.dst}`));
    if (line.reply?.kind === 'mirrored-ports') body.push(...remarks('replies matched by mirrored source ports: weaker than connection state'));
    const { entries, unrendered } = lineEntries(line, book(line.src, list.family), book(line.dst, list.family));
    if (unrendered) body.push(...remarks(unrendered));
    body.push(...entries);
  }
  const name = cliName(list.name);
  return [list.family === 4 ? `ip access-list ${name}` : `ipv6 access-list ${name}`, ...body.map((b, i) => `   ${(i + 1) * STEP} ${b}`)];
}

/** Provenance can outgrow one remark (long file paths): it continues on the next ones rather than being cut. */
function remarks(text: string): string[] {
  return wrapText(text, REMARK_MAX).map((t) => `remark ${t}`);
}
