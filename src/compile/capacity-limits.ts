import { diagnostic, related, type Diagnostic, type RelatedLocation } from '../model/diagnostic.js';
import type { EnforcementPoint, Policy } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';
import type { CapacityResource, PointUsage } from './capacity.js';
import type { Capabilities } from './capabilities.js';

/** The budget of each resource of a point's platform: the point's `capacity:` where it sets one, else the default. */
export function budgetsOf(ep: EnforcementPoint, caps: Capabilities): Map<string, { resource: CapacityResource; budget: number; at?: SourceLoc }> {
  const out = new Map<string, { resource: CapacityResource; budget: number; at?: SourceLoc }>();
  for (const resource of caps.capacity) out.set(resource.name, { resource, budget: resource.budget });
  for (const o of ep.capacity ?? []) {
    const known = out.get(o.resource.value);
    if (known && o.budget && o.budget.value >= 1) out.set(o.resource.value, { ...known, budget: o.budget.value, at: o.budget.loc });
  }
  return out;
}

/** WL712: a `capacity:` entry naming a resource the platform does not count, or a budget below 1. */
export function capacityDeclarations(ep: EnforcementPoint, caps: Capabilities): Diagnostic[] {
  const out: Diagnostic[] = [];
  const names = caps.capacity.map((r) => r.name);
  for (const o of ep.capacity ?? []) {
    if (!names.includes(o.resource.value)) {
      out.push(
        diagnostic('WL712', 'error', `capacity of "${ep.name}" names "${o.resource.value}", which ${ep.platform.value} does not count`, o.resource.loc, {
          hint: `${ep.platform.value} counts ${names.join(', ')}.`,
        }),
      );
    } else if (o.budget && o.budget.value < 1) {
      out.push(
        diagnostic('WL712', 'error', `capacity ${o.resource.value} of "${ep.name}" is ${o.budget.value}; a budget is at least 1`, o.budget.loc, {
          hint: 'Write how many entries the device holds, from its datasheet or its own resource command.',
        }),
      );
    }
  }
  return out;
}

/** How many intents a message names, and related locations it carries. */
const NAMED = 8;

/**
 * WL711: a resource the program fills past its budget. The message says by how much and which intents do not fit:
 * the fewest intents, largest first, whose entries would have to go for the rest to fit.
 */
export function capacityFindings(policy: Policy, ep: EnforcementPoint, caps: Capabilities, usage: PointUsage): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const [name, { resource, budget, at }] of budgetsOf(ep, caps)) {
    const use = usage[name];
    if (!use || use.used <= budget) continue;
    const largest = [...use.byIntent].sort(([a, x], [b, y]) => y - x || (a < b ? -1 : a > b ? 1 : 0));
    const over = use.used - budget;
    const cut: [string, number][] = [];
    let freed = 0;
    for (const entry of largest) {
      if (freed >= over) break;
      cut.push(entry);
      freed += entry[1];
    }
    const n = (x: number) => x.toLocaleString('en-US');
    const listed = cut.slice(0, NAMED).map(([key, units]) => `${key} (${n(units)})`).join(', ');
    const more = cut.length > NAMED ? ` and ${n(cut.length - NAMED)} more` : '';
    const whose = at ? 'the budget its capacity sets' : `the default budget of ${ep.platform.value}`;
    out.push(
      diagnostic(
        'WL711',
        'error',
        `"${ep.name}" (${ep.platform.value}) needs ${n(use.used)} ${resource.unit}, ${n(over)} more than ${whose} (${n(budget)}); ` +
          `what does not fit (largest first, until the rest fits): ${listed}${more}`,
        at ?? ep.loc,
        {
          hint: at
            ? 'Narrow or remove the intents named, move some of the zones to another enforcement point, or raise the budget if the device holds more.'
            : `Narrow or remove the intents named, move some of the zones to another enforcement point, or set capacity: { ${name}: N } on the point if the device holds more than the default.`,
          related: cut.slice(0, NAMED).flatMap(([key, units]) => relatedIntent(policy, key, units)),
        },
      ),
    );
  }
  return out;
}

/** Where an intent key (`flow f1`, `guardrail g`, `zone z`, `infrastructure z/dhcp-relay`) is defined, when it is one. */
function relatedIntent(policy: Policy, key: string, units: number): RelatedLocation[] {
  const [kind, id] = key.split(' ', 2) as [string, string | undefined];
  const what = `${key} takes ${units.toLocaleString('en-US')} of them`;
  let loc: SourceLoc | undefined;
  if (kind === 'flow') loc = policy.flows.find((f) => f.id === id)?.loc;
  else if (kind === 'guardrail') loc = policy.guardrails.find((g) => g.id === id)?.loc;
  else if (kind === 'zone') loc = policy.zones.get(id ?? '')?.loc;
  else if (kind === 'infrastructure') loc = policy.zones.get(id?.split('/')[0] ?? '')?.infrastructure.loc;
  return loc ? [related(what, loc)] : [];
}
