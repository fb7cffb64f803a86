import { createHash } from 'node:crypto';
import type { AddressObject, FirewallRule } from '../../src/compile/ir.js';
import { intentWithReason, provenanceText } from '../../src/compile/ir-text.js';
import { identifier, members, OBJECT_NAME_MAX, oneLine, quoted, ZONE_NAME_MAX } from './escape.js';
import { reachesIpv4Space } from './ipv4-in-ipv6.js';
import { panMatches } from './render-services.js';

interface RulePart {
  name: string;
  application: string[];
  service: string[];
}

/** `any` means IPv4 and IPv6 to PAN-OS; 0.0.0.0/0 is its documented spelling of every IPv4 address. */
function addresses(rule: FirewallRule, side: string[]): string[] {
  if (side.length === 0 || side.includes('any')) return [rule.family === 4 ? '0.0.0.0/0' : 'any'];
  return side.map((n) => identifier(n));
}

/** An IPv6 rule whose both sides reach ::/96 (or a DNS name) would also match IPv4 packets; only a final deny may do that. */
function checkFamily(rule: FirewallRule, objects: Map<string, AddressObject>): void {
  if (rule.family !== 6 || (rule.provenance.kind === 'default' && rule.action === 'deny')) return;
  // A DNS name resolves to IPv4 addresses too, whatever the rule's family (compile says WL709 before this).
  const reaches = (side: string[]) =>
    side.length === 0 || side.some((n) => n === 'any' || reachesIpv4Space(objects.get(n)?.prefixes ?? []) || (objects.get(n)?.fqdns?.length ?? 0) > 0);
  if (reaches(rule.src) && reaches(rule.dst)) {
    throw new Error(`paloalto-panos: IPv6 rule ${rule.name} would also match IPv4 packets (both sides reach ::/96)`);
  }
}

/** Port-based services and App-ID matches cannot share a rule (PAN-OS ANDs them), so a rule may become two. */
function parts(rule: FirewallRule, claim: (wanted: string) => string): RulePart[] {
  const matches = rule.services.flatMap(panMatches);
  if (matches.some((m) => m.kind === 'any')) return [{ name: rule.name, application: ['any'], service: ['any'] }];
  const unique = (names: string[]) => [...new Set(names)];
  const services = unique(matches.flatMap((m) => (m.kind === 'service' ? [m.name] : [])));
  const apps = unique(matches.flatMap((m) => (m.kind === 'application' ? [m.name] : [])));
  const out: RulePart[] = [];
  if (services.length) out.push({ name: rule.name, application: ['any'], service: services });
  if (apps.length) out.push({ name: services.length ? claim(`${rule.name}-app`) : rule.name, application: apps, service: ['application-default'] });
  return out;
}

/** The tag on every rule wardline writes: what it owns in the rulebase. */
export const OWNER_TAG = 'wardline';
/** Beside it on monitor-mode rules: a filter for what a rollout still lets through. */
export const MONITOR_TAG = 'wardline-monitor';

/**
 * A rule's name on the device: the IR's name and a hash of its list-valued fields. `set` merges into the lists of an
 * existing rule (PAN-OS API: set adds, edit replaces), so a rule whose lists change must be a new rule; scalars
 * (action, logging, description) are replaced in place, so they stay out of the hash and a moved line in a policy file
 * renames nothing.
 */
function deviceName(part: RulePart, lists: string[]): string {
  const hash = createHash('sha256').update([part.name, ...lists, members(part.application), members(part.service)].join('\n')).digest('hex');
  return `${identifier(part.name, OBJECT_NAME_MAX - 9)}-${hash.slice(0, 8)}`;
}

export interface RenderedRules {
  lines: string[];
  /** For the notes beside the file: each rule's device name, zones and intent, in order. */
  notes: string[];
}

/**
 * wardline's rules, tagged as its own and moved to the top of the rulebase in policy order, ending with the final
 * deny from any zone to any zone: whatever else the rulebase holds (rules wardline did not write, and its own from an
 * earlier compile) stays, below that deny, where it matches nothing. Nothing is deleted.
 */
export function renderRules(rules: FirewallRule[], objects: AddressObject[], groupName: (name: string) => string): RenderedRules {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const taken = new Set(rules.map((r) => r.name));
  const claim = (wanted: string) => {
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`;
    taken.add(name);
    return name;
  };
  const lines = [`set tag ${OWNER_TAG} comments ${quoted('Rules compiled by wardline from the policy: the top of the rulebase, in policy order, down to its final deny')}`];
  if (rules.some((r) => r.provenance.monitor)) {
    lines.push(`set tag ${MONITOR_TAG} comments ${quoted('Monitor mode: allows what the policy would deny, logged at session end; the rule name starts with the wlmon- marker of what would deny it')}`);
  }
  const notes: string[] = [];
  const order: string[] = [];
  for (const rule of rules) {
    checkFamily(rule, byName);
    // The final deny takes every zone, so that nothing below it (another writer's rule, an earlier compile's) decides.
    const everything = rule.provenance.kind === 'default' && rule.action === 'deny';
    const from = everything ? 'any' : members(rule.fromZones.map((z) => identifier(z, ZONE_NAME_MAX)));
    const to = everything ? 'any' : members(rule.toZones.map((z) => identifier(z, ZONE_NAME_MAX)));
    const source = members(addresses(rule, rule.src).map(groupName));
    const destination = members(addresses(rule, rule.dst).map(groupName));
    const action = rule.action === 'permit' ? 'allow' : 'deny';
    // Allowed sessions always keep PAN-OS's traffic log at session end (its default, what audits read); a flow
    // asking for logging also logs session starts. Denies log (at the drop) when their intent asks.
    // A monitor-mode allow logs once, at session end, like every allow: the traffic log is what observe reads.
    const log = rule.provenance.monitor ? 'log-start no log-end yes' : rule.action === 'permit' ? `log-start ${rule.log ? 'yes' : 'no'} log-end yes` : `log-start no log-end ${rule.log ? 'yes' : 'no'}`;
    const tags = rule.provenance.monitor ? `[ ${OWNER_TAG} ${MONITOR_TAG} ]` : OWNER_TAG;
    const zones = everything ? 'any -> any' : `${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}`;
    for (const part of parts(rule, claim)) {
      const name = deviceName(part, [from, to, source, destination]);
      order.push(name);
      notes.push(oneLine(`${name} (${zones}): ${provenanceText(rule.provenance)}`));
      lines.push(
        `set rulebase security rules ${name} from ${from} to ${to} source ${source} destination ${destination} ` +
          `source-user any category any application ${members(part.application)} service ${members(part.service)} ` +
          `action ${action} ${log} tag ${tags} description ${quoted(intentWithReason(rule.provenance, rule.description))}`,
      );
    }
  }
  // A new rule lands at the bottom: moving each to the top, then each after the one before, makes the file's order the
  // device's order above everything else.
  order.forEach((name, i) => lines.push(i === 0 ? `move rulebase security rules ${name} top` : `move rulebase security rules ${name} after ${order[i - 1]}`));
  return { lines, notes };
}
