import type { FirewallRule } from '../../src/compile/ir.js';
import { intentWithReason, provenanceText } from '../../src/compile/ir-text.js';
import { COMMENTS_MAX, identifier, nameList, oneLine, quoted } from './escape.js';
import { serviceNames } from './render-services.js';

/** `all` is the predefined every-address object of each family (firewall address and address6). */
function addresses(side: string[]): string[] {
  return side.length === 0 || side.includes('any') ? ['all'] : side.map((n) => identifier(n, 79));
}

function policy(rule: FirewallRule, id: number): string[] {
  const [src, dst] = rule.family === 4 ? ['srcaddr', 'dstaddr'] : ['srcaddr6', 'dstaddr6'];
  return [
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
    `        set comments ${quoted(intentWithReason(rule.provenance, rule.description), COMMENTS_MAX)}`,
    '    next',
  ];
}

/**
 * The policy list in order: ids 1..n, created in that order, so list order (which decides) equals id order. Each
 * policy's comments name its intent; the notes list them with their zones.
 */
export function renderPolicies(rules: FirewallRule[]): { lines: string[]; notes: string[] } {
  return {
    lines: ['config firewall policy', ...rules.flatMap((rule, i) => policy(rule, i + 1)), 'end'],
    notes: rules.map((rule, i) => oneLine(`${i + 1} ${identifier(rule.name)} (${rule.fromZones.join(',')} -> ${rule.toZones.join(',')}): ${provenanceText(rule.provenance)}`)),
  };
}
