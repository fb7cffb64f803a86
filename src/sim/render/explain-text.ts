import { formatExample } from '../answer.js';
import type { EndpointDescription, Explanation } from '../explain.js';
import { partLines } from './answer-text.js';

/** The intent, its endpoints and services in names and in prefixes and ports, its effect, and what it overlaps. */
export function formatExplanationText(x: Explanation): string {
  const lines = [`${x.kind} ${x.id} (${x.file}:${x.line}): ${statusText(x)}`];
  if (x.why !== null) lines.push(`  why:      ${x.why}`);
  if (x.owner !== null) lines.push(`  owner:    ${x.owner}`);
  if (x.ticket !== null) lines.push(`  ticket:   ${x.ticket}`);
  lines.push(...endpointLines('from', x.from), ...endpointLines('to', x.to));
  lines.push(`  services: ${x.services.written.join(', ')} = ${x.services.concrete}`);
  for (const e of x.exceptions) {
    lines.push(`  exception: flow ${e.flow} (${e.file}:${e.line}, ${e.live ? 'live' : 'not live'}): ${e.why}`);
  }
  lines.push(x.kind === 'flow' ? '  what becomes of its packets under the whole policy:' : '  what becomes of the packets it names under the whole policy:');
  if (x.effect.length === 0) lines.push('    nothing: no packet matches it');
  for (const part of x.effect) lines.push(...partLines(part, '    ', x.effect.length > 1));
  lines.push(x.overlaps.length === 0 ? '  overlaps: nothing' : '  overlaps:');
  for (const o of x.overlaps) {
    const dead = o.live ? '' : ', expired';
    lines.push(`    ${o.kind} ${o.id} (${o.file}:${o.line}${dead}) ${o.relation}: ${o.services}, e.g. ${formatExample(o.example)}`);
  }
  return `${lines.join('\n')}\n`;
}

function statusText(x: Explanation): string {
  if (x.kind === 'guardrail' && x.mode === 'monitor') return `in MONITOR mode: what it forbids is passed and logged as ${x.monitor} (an enforced guardrail that also forbids it still denies)`;
  if (x.kind === 'guardrail') return 'in force (guardrails do not expire)';
  if (x.expires === null) return 'live, no expiry';
  const days = x.daysLeft ?? 0;
  if (x.status === 'expired') return `EXPIRED after ${x.expires} (${-days} day${days === -1 ? '' : 's'} ago): it allows nothing`;
  return `live until ${x.expires} (${days} day${days === 1 ? '' : 's'} left)`;
}

function endpointLines(side: 'from' | 'to', e: EndpointDescription): string[] {
  const names = [
    e.groups.length > 0 ? `groups ${e.groups.join(', ')}` : '',
    e.zones.length > 0 ? `zones ${e.zones.join(', ')}` : '',
    e.externals ? `externals ${e.externals.join(', ')}` : '',
    e.external ? 'external addresses' : '',
  ].filter(Boolean);
  const pad = side === 'from' ? '  from:     ' : '  to:       ';
  return [`${pad}${e.written.join(', ')}`, `            ${names.join('; ') || 'no address'}`, `            ${e.addresses}`];
}
