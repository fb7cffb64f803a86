import type { AddressObject, Family } from '../../src/compile/ir.js';
import { addressPlan, valuesOf, type AddressValue } from './address-members.js';
import { COMMENT_MAX, dnsName, identifier, nameList, quoted } from './escape.js';

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

/** The lines that give one address its value: subnet / ip6, or a DNS name the FortiGate resolves (both tables take type fqdn). */
function valueLines(family: Family, value: AddressValue): string[] {
  if (value.kind === 'fqdn') return ['        set type fqdn', `        set fqdn "${dnsName(value.text)}"`];
  return [family === 4 ? `        set subnet ${subnet(value.text)}` : `        set ip6 ${value.text}`];
}

function addressBlock(family: Family, entries: { name: string; value: AddressValue; comment?: string }[]): string[] {
  if (entries.length === 0) return [];
  const lines = [family === 4 ? 'config firewall address' : 'config firewall address6'];
  for (const e of entries) {
    lines.push(`    edit "${identifier(e.name, 79)}"`, ...valueLines(family, e.value));
    if (e.comment !== undefined) lines.push(`        set comment ${quoted(e.comment, COMMENT_MAX)}`);
    lines.push('    next');
  }
  return [...lines, 'end'];
}

/**
 * Address objects (one per prefix or DNS name) and address groups for IR objects of several, IPv4 then IPv6. An IR
 * object of one value is that address itself.
 */
export function renderAddresses(objects: AddressObject[]): string[] {
  for (const o of objects) {
    if (valuesOf(o).length === 0) throw new Error(`fortinet-fortios: address object ${o.name} has no prefixes and no DNS names`);
  }
  const plan = addressPlan(objects);
  const lines: string[] = [];
  for (const family of [4, 6] as const) {
    const singles = objects.filter((o) => o.family === family && valuesOf(o).length === 1);
    const members = plan.members.filter((m) => m.family === family);
    lines.push(
      ...addressBlock(family, [
        ...singles.map((o) => ({ name: o.name, value: valuesOf(o)[0]!, comment: o.origin })),
        ...members.map((m) => ({ name: m.name, value: m.value })),
      ]),
    );
    const groups = objects.filter((o) => o.family === family && valuesOf(o).length > 1);
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
