import type { AddressObject, FirewallRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { identifier, members, oneLine, quoted, ZONE_NAME_MAX } from './escape.js';
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

/** An IPv6 rule whose both sides reach ::/96 would also match IPv4 packets; only a final deny may do that. */
function checkFamily(rule: FirewallRule, objects: Map<string, AddressObject>): void {
  if (rule.family !== 6 || (rule.provenance.kind === 'default' && rule.action === 'deny')) return;
  const reaches = (side: string[]) =>
    side.length === 0 || side.some((n) => n === 'any' || reachesIpv4Space(objects.get(n)?.prefixes ?? []));
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

/** The security rulebase, replaced whole so that the file's order is the device's order. */
export function renderRules(rules: FirewallRule[], objects: AddressObject[]): string[] {
  const byName = new Map(objects.map((o) => [o.name, o]));
  const taken = new Set(rules.map((r) => r.name));
  const claim = (wanted: string) => {
    let name = wanted;
    for (let n = 2; taken.has(name); n++) name = `${wanted}${n}`;
    taken.add(name);
    return name;
  };
  const lines = [
    '# Security rules in policy order, first match wins. The rulebase is replaced whole: a new rule lands at the bottom,',
    '# so only deleting first makes this order the device order, and no rule from an earlier compile survives.',
    'delete rulebase security rules',
  ];
  for (const rule of rules) {
    checkFamily(rule, byName);
    const zones = `${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}`;
    lines.push(`# ${identifier(rule.name)} (${oneLine(zones)}): ${oneLine(provenanceText(rule.provenance))}`);
    const from = members(rule.fromZones.map((z) => identifier(z, ZONE_NAME_MAX)));
    const to = members(rule.toZones.map((z) => identifier(z, ZONE_NAME_MAX)));
    const source = members(addresses(rule, rule.src));
    const destination = members(addresses(rule, rule.dst));
    const action = rule.action === 'permit' ? 'allow' : 'deny';
    // Allowed sessions always keep PAN-OS's traffic log at session end (its default, what audits read); a flow
    // asking for logging also logs session starts. Denies log (at the drop) when their intent asks.
    const log = rule.action === 'permit' ? `log-start ${rule.log ? 'yes' : 'no'} log-end yes` : `log-start no log-end ${rule.log ? 'yes' : 'no'}`;
    for (const part of parts(rule, claim)) {
      lines.push(
        `set rulebase security rules ${part.name} from ${from} to ${to} source ${source} destination ${destination} ` +
          `source-user any category any application ${members(part.application)} service ${members(part.service)} ` +
          `action ${action} ${log} description ${quoted(rule.description)}`,
      );
    }
  }
  return lines;
}
