import type { Policy } from '../model/policy.js';
import {
  collectEnforcementPoints,
  collectUnknownDevices,
  collectExternals,
  collectGroups,
  collectResolutions,
  collectServices,
  collectZones,
  type BuildContext,
} from './build-definitions.js';
import { collectExpectations, collectFlows, collectGuardrails } from './build-intents.js';
import type { LoadedDocument } from './load.js';
import { field } from './yaml-walk.js';

export interface BuildInput {
  documents: LoadedDocument[];
  /** The standard service catalog, loaded like any policy file. */
  catalog?: LoadedDocument;
  /** YYYY-MM-DD; decides which flows have expired. */
  today: string;
}

/** Builds the model from positioned documents: definitions from every file first, then references resolved. */
export function buildPolicy(input: BuildInput): Policy {
  const policy: Policy = {
    files: input.documents.map((d) => d.file),
    zones: new Map(),
    groups: new Map(),
    externals: new Map(),
    resolutions: [],
    services: new Map(),
    flows: [],
    guardrails: [],
    expectations: [],
    enforcementPoints: new Map(),
    clashes: [],
    unresolved: [],
    invalidServiceSpecs: [],
    today: input.today,
  };
  const ctx: BuildContext = { policy, defined: new Map(), later: [] };
  if (input.catalog) collectServices(ctx, input.catalog, section(input.catalog, 'services'), true);
  for (const doc of input.documents) {
    collectZones(ctx, doc, section(doc, 'zones'));
    collectGroups(ctx, doc, section(doc, 'groups'));
    collectExternals(ctx, doc, section(doc, 'externals'));
    collectResolutions(ctx, doc, section(doc, 'dns'));
    collectServices(ctx, doc, section(doc, 'services'), false);
    collectEnforcementPoints(ctx, doc, section(doc, 'enforcement'));
    collectUnknownDevices(ctx, doc, field(doc.doc.contents, 'unknown-devices'));
  }
  for (const resolve of ctx.later) resolve();
  for (const doc of input.documents) {
    collectFlows(ctx, doc, section(doc, 'flows'));
    collectGuardrails(ctx, doc, section(doc, 'guardrails'));
    collectExpectations(ctx, doc, section(doc, 'expect'));
  }
  for (const group of policy.groups.values()) {
    if (group.zone.value && !policy.zones.has(group.zone.value)) {
      policy.unresolved.push({
        what: 'zone',
        text: group.zone.value,
        loc: group.zone.loc,
        candidates: [...policy.zones.keys()],
      });
    }
  }
  const flowIds = new Set(policy.flows.map((f) => f.id));
  for (const g of policy.guardrails) {
    for (const e of g.exceptions) {
      if (!flowIds.has(e.flow.value)) {
        policy.unresolved.push({ what: 'flow', text: e.flow.value, loc: e.flow.loc, candidates: [...flowIds] });
      }
    }
  }
  return policy;
}

function section(doc: LoadedDocument, name: string): unknown {
  return field(doc.doc.contents, name)?.value;
}
