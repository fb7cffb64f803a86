import type { FirewallRule } from '../../src/compile/ir.js';
import { provenanceText } from '../../src/compile/ir-text.js';
import { COMMENTS_MAX, identifier, nameList, oneLine, quoted } from './escape.js';
import { serviceNames } from './render-services.js';

/** `all` is the predefined every-address object of each family (firewall address and address6). */
function addresses(side: string[]): string[] {
  return side.length === 0 || side.includes('any') ? ['all'] : side.map((n) => identifier(n, 79));
}

function policy(rule: FirewallRule, id: number): string[] {
  const [src, dst] = rule.family === 4 ? ['srcaddr', 'dstaddr'] : ['srcaddr6', 'dstaddr6'];
  const zones = `${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}`;
  return [
    `    # ${identifier(rule.name)} (${oneLine(zones)}): ${oneLine(provenanceText(rule.provenance))}`,
    `    edit ${id}`,
    `        set name "${identifier(rule.name)}"`,
    `        set srcintf ${nameList(rule.fromZones.map((z) => identifier(z)))}`,
    `        set dstintf ${nameList(rule.toZones.map((z) => identifier(z)))}`,
    `        set action ${rule.action === 'permit' ? 'accept' : 'deny'}`,
    `        set ${src} ${nameList(addresses(rule.src))}`,
    `        set ${dst} ${nameList(addresses(rule.dst))}`,
    '        set schedule "always"',
    `        set service ${nameList(serviceNames(rule))}`,
    `        set logtraffic ${rule.log ? 'all' : 'disable'}`,
    `        set comments ${quoted(rule.description, COMMENTS_MAX)}`,
    '    next',
  ];
}

/** The policy list in order: ids 1..n, created in that order, so list order (which decides) equals id order. */
export function renderPolicies(rules: FirewallRule[]): string[] {
  return [
    '# Policies in policy order, first match wins. FortiOS evaluates the list in its order, and a new policy id is',
    '# appended at the end, so on an empty policy table ids 1..n land in this order.',
    'config firewall policy',
    ...rules.flatMap((rule, i) => policy(rule, i + 1)),
    'end',
  ];
}
