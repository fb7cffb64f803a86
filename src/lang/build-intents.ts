import type { YamlNode } from './yaml-node.js';
import type { Expectation, Flow, Guardrail, GuardrailException } from '../model/policy.js';
import { define, freeText, modeOf, spanned, type BuildContext } from './build-definitions.js';
import { locOf, type LoadedDocument } from './load.js';
import { resolveEndpoint, resolveService } from './resolve.js';
import { bool, entries, field, items, oneOrMany, text } from './yaml-walk.js';

function idOf(ctx: BuildContext, doc: LoadedDocument, item: YamlNode, ns: 'flow' | 'guardrail' | 'expectation') {
  const id = field(item, 'id');
  const name = text(id?.value);
  const loc = locOf(doc, id?.value ?? item);
  const fresh = name === undefined || define(ctx, ns, ns, name, loc);
  return { name, loc, fresh };
}

export function collectFlows(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  const { policy } = ctx;
  for (const item of items(section)) {
    const { name, loc, fresh } = idOf(ctx, doc, item, 'flow');
    if (name === undefined || !fresh) continue;
    const flow: Flow = {
      kind: 'flow',
      id: name,
      loc,
      from: oneOrMany(field(item, 'from')?.value).map((n) => resolveEndpoint(policy, doc, n)),
      to: oneOrMany(field(item, 'to')?.value).map((n) => resolveEndpoint(policy, doc, n)),
      services: oneOrMany(field(item, 'services')?.value).map((n) => resolveService(policy, doc, n)),
      log: bool(field(item, 'log')?.value) ?? false,
    };
    for (const k of ['why', 'owner', 'ticket', 'description'] as const) {
      const t = freeText(field(item, k)?.value);
      if (t) flow[k] = t;
    }
    const expires = field(item, 'expires')?.value;
    const date = text(expires);
    if (expires && date) flow.expires = spanned(doc, expires, date);
    policy.flows.push(flow);
  }
}

export function collectGuardrails(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  const { policy } = ctx;
  for (const item of items(section)) {
    const { name, loc, fresh } = idOf(ctx, doc, item, 'guardrail');
    if (name === undefined || !fresh) continue;
    const never = field(item, 'never')?.value;
    const guardrail: Guardrail = {
      kind: 'guardrail',
      id: name,
      loc,
      from: oneOrMany(field(never, 'from')?.value).map((n) => resolveEndpoint(policy, doc, n)),
      to: oneOrMany(field(never, 'to')?.value).map((n) => resolveEndpoint(policy, doc, n)),
      services: oneOrMany(field(never, 'services')?.value).map((n) => resolveService(policy, doc, n)),
      why: freeText(field(item, 'why')?.value) ?? '',
      exceptions: items(field(item, 'exceptions')?.value).flatMap((e) => exception(doc, e)),
      log: bool(field(item, 'log')?.value) ?? true,
      mode: modeOf(field(item, 'mode')?.value),
    };
    policy.guardrails.push(guardrail);
  }
}

function exception(doc: LoadedDocument, node: YamlNode): GuardrailException[] {
  const flow = field(node, 'flow')?.value;
  const id = text(flow);
  if (!flow || id === undefined) return [];
  return [{ flow: spanned(doc, flow, id), why: freeText(field(node, 'why')?.value) ?? '', loc: locOf(doc, node) }];
}

export function collectExpectations(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  const { policy } = ctx;
  for (const item of items(section)) {
    const verdictEntry = entries(item).find((e) => e.key === 'can' || e.key === 'cannot');
    if (!verdictEntry) continue;
    const body = verdictEntry.value;
    const from = field(body, 'from')?.value;
    const to = field(body, 'to')?.value;
    if (!from || !to) continue;
    const idNode = field(item, 'id')?.value;
    const id = text(idNode);
    const loc = locOf(doc, verdictEntry.keyNode);
    // A duplicate is reported at its id, where the fix goes.
    if (id !== undefined && !define(ctx, 'expectation', 'expectation', id, locOf(doc, idNode ?? item))) continue;
    const expectation: Expectation = {
      kind: 'expectation',
      verdict: verdictEntry.key as 'can' | 'cannot',
      loc,
      from: resolveEndpoint(policy, doc, from),
      to: resolveEndpoint(policy, doc, to),
    };
    if (id !== undefined) expectation.id = id;
    const service = field(body, 'service')?.value;
    if (service) expectation.service = resolveService(policy, doc, service);
    const why = freeText(field(item, 'why')?.value);
    if (why) expectation.why = why;
    policy.expectations.push(expectation);
  }
}
