import { provenanceText } from '../../src/compile/ir-text.js';
import type { AclLine, AclList } from '../../src/compile/ir.js';
import { cliName, wrapText } from './escape.js';
import { lineEntries } from './render-match.js';

/** IOS-XE keeps remarks of up to 100 characters. */
export const REMARK_MAX = 100;

/**
 * One named list in the IR's order: each line's remark (its intent), then its entries. The IR's last line is
 * the logged default deny, which replaces IOS-XE's implicit end (and its implicit nd-ns/nd-na permits): the zone's
 * neighbour discovery comes first in the IR, from its link infrastructure, like everything else the gateway answers.
 */
export function renderList(list: AclList): string[] {
  const name = cliName(list.name);
  const out = [list.family === 4 ? `ip access-list extended ${name}` : `ipv6 access-list ${name}`];
  for (const line of list.lines) out.push(...renderLine(line));
  return out;
}

function renderLine(line: AclLine): string[] {
  const out = [...remarks(provenanceText(line.provenance))];
  if (line.reply?.kind === 'mirrored-ports') out.push(...remarks('replies matched by mirrored source ports: weaker than connection state'));
  const { entries, unrendered } = lineEntries(line);
  if (unrendered) out.push(...remarks(unrendered));
  for (const entry of entries) out.push(` ${entry}`);
  return out;
}

/** Provenance can outgrow one remark (long file paths): it continues on the next ones rather than being cut. */
function remarks(text: string): string[] {
  return wrapText(text, REMARK_MAX).map((t) => ` remark ${t}`);
}
