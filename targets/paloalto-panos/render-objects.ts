import { createHash } from 'node:crypto';
import type { AddressObject } from '../../src/compile/ir.js';
import { addressPlan, addressValues, type AddressValue } from './address-members.js';
import { dnsName, identifier, members, OBJECT_NAME_MAX, quoted } from './escape.js';

export interface RenderedObjects {
  lines: string[];
  /** The device's name of an IR object: a group's name carries a hash of its members; other names are the IR's. */
  nameOf: (name: string) => string;
}

/** `ip-netmask 10.1.0.0/24` or `fqdn portal.example.org` (a name the device resolves itself, both families). */
const spelled = (v: AddressValue) => (v.type === 'fqdn' ? `fqdn ${dnsName(v.value)}` : `ip-netmask ${v.value}`);

/**
 * Address objects, one per prefix or DNS name, and a static address group for every IR object of several. `set` merges
 * a group's members into an existing group of that name (PAN-OS API: set adds, edit replaces), so the group's name
 * carries a hash of its members: a group whose members change is a new group, and no stale member stays in a rule.
 */
export function renderObjects(objects: AddressObject[]): RenderedObjects {
  for (const o of objects) {
    if (addressValues(o).length === 0) throw new Error(`paloalto-panos: address object ${o.name} has no prefixes and no DNS names`);
  }
  const plan = addressPlan(objects);
  const groups = new Map<string, string>();
  for (const [name, names] of plan.groups) {
    groups.set(name, `${identifier(name, OBJECT_NAME_MAX - 9)}-${createHash('sha256').update(names.join('\n')).digest('hex').slice(0, 8)}`);
  }
  const lines: string[] = [];
  for (const o of objects) {
    const values = addressValues(o);
    if (values.length === 1) lines.push(`set address ${identifier(o.name)} ${spelled(values[0]!)} description ${quoted(o.origin)}`);
  }
  for (const m of plan.members) lines.push(`set address ${identifier(m.name)} ${spelled(m)}`);
  for (const o of objects.filter((x) => plan.groups.has(x.name))) {
    lines.push(`set address-group ${groups.get(o.name)} static ${members(plan.groups.get(o.name)!)} description ${quoted(o.origin)}`);
  }
  return { lines, nameOf: (name) => groups.get(name) ?? name };
}
