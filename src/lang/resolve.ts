import type { YamlNode } from './yaml-node.js';
import { parsePrefix } from '../net/address.js';
import { parseServiceSpec } from '../net/service.js';
import type { EndpointRef, Policy, ServiceRef } from '../model/policy.js';
import { locOf, type LoadedDocument } from './load.js';
import { text } from './yaml-walk.js';

export const LABEL_PREFIX = 'label:';

/** Resolves one endpoint reference after every file's definitions are known. */
export function resolveEndpoint(policy: Policy, doc: LoadedDocument, node: YamlNode): EndpointRef {
  const raw = text(node) ?? '';
  const loc = locOf(doc, node);
  if (raw === 'any') return { kind: 'any', loc, text: raw };
  if (raw === 'external') return { kind: 'external', loc, text: raw };
  if (raw.startsWith(LABEL_PREFIX)) return { kind: 'label', label: raw.slice(LABEL_PREFIX.length), loc, text: raw };
  if (looksLikeAddress(raw)) {
    const parsed = parsePrefix(raw);
    if ('error' in parsed) return { kind: 'unresolved', loc, text: raw };
    return {
      kind: 'prefix',
      prefix: { prefix: parsed.prefix, text: raw, hostBitsSet: parsed.hostBitsSet, loc },
      loc,
      text: raw,
    };
  }
  if (policy.groups.has(raw)) return { kind: 'group', name: raw, loc, text: raw };
  if (policy.zones.has(raw)) return { kind: 'zone', name: raw, loc, text: raw };
  if (policy.externals.has(raw)) return { kind: 'name', name: raw, loc, text: raw };
  policy.unresolved.push({
    what: 'endpoint',
    text: raw,
    loc,
    candidates: [...policy.groups.keys(), ...policy.zones.keys(), ...policy.externals.keys()],
  });
  return { kind: 'unresolved', loc, text: raw };
}

/** Addresses contain `:` or `/`, or are dotted quads; names never parse as addresses. */
function looksLikeAddress(raw: string): boolean {
  return raw.includes(':') || raw.includes('/') || /^\d+(\.\d+){3}$/.test(raw);
}

export function resolveService(policy: Policy, doc: LoadedDocument, node: YamlNode): ServiceRef {
  const raw = text(node) ?? '';
  const loc = locOf(doc, node);
  if (raw === 'any') return { kind: 'any', loc, text: raw };
  if (raw.includes('/')) {
    const spec = parseServiceSpec(raw);
    if (!('error' in spec)) return { kind: 'inline', spec, loc, text: raw };
    policy.invalidServiceSpecs.push({ text: raw, error: spec.error, loc });
    return { kind: 'unresolved', loc, text: raw };
  }
  if (policy.services.has(raw)) return { kind: 'named', name: raw, loc, text: raw };
  policy.unresolved.push({ what: 'service', text: raw, loc, candidates: [...policy.services.keys()] });
  return { kind: 'unresolved', loc, text: raw };
}
