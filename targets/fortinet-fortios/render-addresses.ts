import type { AddressObject, Family } from '../../src/compile/ir.js';
import { addressPlan } from './address-members.js';
import { COMMENT_MAX, identifier, nameList, quoted } from './escape.js';

/** FortiOS writes an IPv4 subnet as address and dotted mask. */
export function subnet(prefix: string): string {
  const [address, lengthText] = prefix.split('/');
  const length = Number(lengthText);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return `${address} ${[24, 16, 8, 0].map((s) => (mask >>> s) & 255).join('.')}`;
}

// Long member lists go in chunks: `set member` for the first, `append member` for the rest.
const CHUNK = 16;

function memberLines(names: string[]): string[] {
  const lines: string[] = [];
  for (let i = 0; i < names.length; i += CHUNK) {
    lines.push(`        ${i === 0 ? 'set' : 'append'} member ${nameList(names.slice(i, i + CHUNK))}`);
  }
  return lines;
}

function addressBlock(family: Family, entries: { name: string; prefix: string; comment?: string }[]): string[] {
  if (entries.length === 0) return [];
  const lines = [family === 4 ? 'config firewall address' : 'config firewall address6'];
  for (const e of entries) {
    lines.push(`    edit "${identifier(e.name, 79)}"`);
    lines.push(family === 4 ? `        set subnet ${subnet(e.prefix)}` : `        set ip6 ${e.prefix}`);
    if (e.comment !== undefined) lines.push(`        set comment ${quoted(e.comment, COMMENT_MAX)}`);
    lines.push('    next');
  }
  return [...lines, 'end'];
}

/** Address objects (one per prefix) and address groups for IR objects of several prefixes, IPv4 then IPv6. */
export function renderAddresses(objects: AddressObject[]): string[] {
  for (const o of objects) {
    if (o.prefixes.length === 0) throw new Error(`fortinet-fortios: address object ${o.name} has no prefixes`);
  }
  const plan = addressPlan(objects);
  const lines: string[] = [];
  for (const family of [4, 6] as const) {
    const singles = objects.filter((o) => o.family === family && o.prefixes.length === 1);
    const members = plan.members.filter((m) => m.family === family);
    lines.push(
      ...addressBlock(family, [
        ...singles.map((o) => ({ name: o.name, prefix: o.prefixes[0]!, comment: o.origin })),
        ...members.map((m) => ({ name: m.name, prefix: m.prefix })),
      ]),
    );
    const groups = objects.filter((o) => o.family === family && o.prefixes.length > 1);
    if (groups.length === 0) continue;
    lines.push(family === 4 ? 'config firewall addrgrp' : 'config firewall addrgrp6');
    for (const g of groups) {
      lines.push(`    edit "${identifier(g.name, 79)}"`, ...memberLines(plan.groups.get(g.name)!));
      lines.push(`        set comment ${quoted(g.origin, COMMENT_MAX)}`, '    next');
    }
    lines.push('end');
  }
  return lines;
}
