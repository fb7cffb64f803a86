import type { AddressObject } from '../../src/compile/ir.js';
import { addressPlan } from './address-members.js';
import { identifier, members, quoted } from './escape.js';

/**
 * Address objects, one per prefix, and a static address group for every IR object of several prefixes. The group
 * carries the IR object's name, so rules read the same as the policy's objects.
 */
export function renderObjects(objects: AddressObject[]): string[] {
  for (const o of objects) {
    if (o.prefixes.length === 0) throw new Error(`paloalto-panos: address object ${o.name} has no prefixes`);
  }
  const plan = addressPlan(objects);
  const lines = ['# Address objects: one per prefix; an object of several prefixes is a static address group of them.'];
  for (const o of objects.filter((x) => x.prefixes.length === 1)) {
    lines.push(`set address ${identifier(o.name)} ip-netmask ${o.prefixes[0]} description ${quoted(o.origin)}`);
  }
  for (const m of plan.members) lines.push(`set address ${identifier(m.name)} ip-netmask ${m.prefix}`);
  for (const o of objects.filter((x) => x.prefixes.length > 1)) {
    const names = plan.groups.get(o.name)!;
    lines.push(`set address-group ${identifier(o.name)} static ${members(names)} description ${quoted(o.origin)}`);
  }
  return lines;
}
