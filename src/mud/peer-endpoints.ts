import type { Peer } from './ace-peer.js';
import type { DnsExternals } from './dns-externals.js';

/** What the import knows beyond the MUD files: the --map entries, the policy's zones and groups, the device itself. */
export interface ImportContext {
  group: string;
  /** --map ABSTRACTION=ENDPOINT, by key as written (`controller:urn:…`, `local-networks`, a DNS name…). */
  map: ReadonlyMap<string, readonly string[]>;
  policy?: { zones: readonly string[]; groups: readonly PolicyGroup[] };
  /** What a DNS name no --map names becomes: an external. */
  externals: DnsExternals;
  /** The device's manufacturer as names compare (lower case): mfg-name and the authority of each MUD URL. */
  manufacturers: ReadonlySet<string>;
  urls: ReadonlySet<string>;
  /** Map keys some ACE used: the rest are reported, as a mistyped name would otherwise do nothing. */
  used: Set<string>;
}

/** A group of --policy as the abstractions see it: its manufacturer field and its MUD URL identity. */
export interface PolicyGroup {
  name: string;
  manufacturer?: string;
  mudUrl?: string;
}

type Endpoints = { endpoints: string[] } | { reason: string };

/** The wardline endpoints a MUD peer stands for, or why none can be given. */
export function peerEndpoints(peer: Peer, ctx: ImportContext): Endpoints {
  if (peer.kind === 'any') return { endpoints: [peer.family === 4 ? '0.0.0.0/0' : '::/0'] };
  if (peer.kind === 'network') return { endpoints: [peer.prefix] };
  if (peer.kind === 'dns') {
    const given = mapped(ctx, [`dns:${peer.name}`, peer.name]);
    if (given) return given;
    const external = ctx.externals.endpoint(peer.name);
    return typeof external === 'string' ? { endpoints: [external] } : external;
  }
  const { abstraction, value } = peer;
  const keys = value === undefined ? [abstraction] : [`${abstraction}:${value}`, abstraction];
  const given = mapped(ctx, keys);
  if (given) return given;
  const hint = `give --map ${keys[0]}=ENDPOINT`;
  switch (abstraction) {
    case 'controller':
    case 'my-controller':
      return { reason: `${abstraction}${value === undefined ? '' : ` ${JSON.stringify(value)}`} is the network's own server for the device, which the MUD file cannot name: ${hint}${value === undefined ? '' : ` (or --map controller=ENDPOINT for every controller)`}` };
    case 'local-networks':
      if (ctx.policy && ctx.policy.zones.length > 0) return { endpoints: [...ctx.policy.zones] };
      return { reason: `local-networks are the policy's internal zones: give --policy PATH, or ${hint.replace(/^give /, '')}` };
    case 'same-manufacturer':
      return byManufacturer(ctx, ctx.manufacturers, 'same-manufacturer', hint);
    case 'manufacturer':
      return byManufacturer(ctx, new Set([value!.toLowerCase()]), `manufacturer ${JSON.stringify(value)}`, hint);
    case 'model':
      return byModel(ctx, value!, hint);
  }
}

/** RFC 8520: devices of that MUD URL. The imported group when it is its URL, and the groups of --policy that claim it. */
function byModel(ctx: ImportContext, url: string, hint: string): Endpoints {
  const own = ctx.urls.has(url) ? [ctx.group] : [];
  const others = (ctx.policy?.groups ?? []).filter((g) => g.name !== ctx.group && g.mudUrl === url).map((g) => g.name).sort();
  if (own.length + others.length > 0) return { endpoints: [...own, ...others] };
  const where = ctx.policy ? 'no group of the policy has that MUD URL (identities: { mud-url })' : 'it is not the imported MUD URL, and without --policy no other group is known';
  return { reason: `model ${JSON.stringify(url)}: ${where}: ${hint}${ctx.policy ? '' : ', or give --policy PATH'}` };
}

function mapped(ctx: ImportContext, keys: string[]): { endpoints: string[] } | undefined {
  for (const key of keys) {
    const endpoints = ctx.map.get(key);
    if (endpoints) {
      ctx.used.add(key);
      return { endpoints: [...endpoints] };
    }
  }
  return undefined;
}

/**
 * Groups of the manufacturer: those whose MUD URL has its authority (as RFC 8520 defines the abstraction) or whose
 * `manufacturer` names it, and the imported group itself when it is of that manufacturer.
 */
function byManufacturer(ctx: ImportContext, names: ReadonlySet<string>, what: string, hint: string): Endpoints {
  if (!ctx.policy) return { reason: `${what} means every group of the manufacturer: give --policy PATH (groups by the host of their MUD URL, or their manufacturer field), or ${hint.replace(/^give /, '')}` };
  const own = [...names].some((n) => ctx.manufacturers.has(n)) ? [ctx.group] : [];
  const ofIt = (g: PolicyGroup) => (g.manufacturer !== undefined && names.has(g.manufacturer.toLowerCase())) || (g.mudUrl !== undefined && names.has(urlHost(g.mudUrl) ?? ''));
  const others = ctx.policy.groups.filter((g) => g.name !== ctx.group && ofIt(g)).map((g) => g.name).sort();
  const endpoints = [...new Set([...own, ...others])];
  if (endpoints.length === 0) return { reason: `${what}: no group of the policy has that manufacturer: ${hint}` };
  return { endpoints };
}

/** The authority of a MUD URL as names compare (lower case), or undefined when it is no URL. */
export function urlHost(url: string): string | undefined {
  try {
    return new URL(url).hostname.toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}
