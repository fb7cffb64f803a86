import type { YamlNode } from './yaml-node.js';
import { parsePrefix } from '../net/address.js';
import { parseServiceSpec } from '../net/service.js';
import { FHRP_PROTOCOLS, type CapacityOverride, type EnforcementPoint, type ExternalName, type Group, type GroupIdentities, type Infrastructure, type Mode, type Policy, type UnknownDevices, type Service, type Spanned, type WrittenPrefix, type Zone } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';
import { locOf, type LoadedDocument } from './load.js';
import { resolveEndpoint } from './resolve.js';
import { bool, entries, field, integer, oneOrMany, text } from './yaml-walk.js';

export type Namespace = 'zone' | 'group' | 'external' | 'service' | 'enforcement point' | 'flow' | 'guardrail' | 'expectation';

export interface BuildContext {
  policy: Policy;
  defined: Map<Namespace, Map<string, SourceLoc>>;
  /** References inside definitions (a zone's DHCP servers), resolved once every file's definitions are known. */
  later: (() => void)[];
}

/** Records a definition; a second one becomes a clash naming both places. Returns false for the second. */
export function define(ctx: BuildContext, ns: Namespace, what: string, name: string, loc: SourceLoc): boolean {
  let names = ctx.defined.get(ns);
  if (!names) ctx.defined.set(ns, (names = new Map()));
  const first = names.get(name);
  if (first) {
    ctx.policy.clashes.push({ what, name, first, second: loc });
    return false;
  }
  names.set(name, loc);
  return true;
}

/**
 * Zones, groups and externals are kept in their own maps, but an endpoint reference must mean one thing: two of one
 * name is a clash. Both stay defined, so the zone's groups and flows do not cascade into WL301.
 */
function defineEndpoint(ctx: BuildContext, kind: 'zone' | 'group' | 'external', name: string, loc: SourceLoc): boolean {
  if (!define(ctx, kind, kind, name, loc)) return false;
  for (const other of ['zone', 'group', 'external'] as const) {
    if (other === kind) continue;
    const theirs = ctx.defined.get(other)?.get(name);
    if (!theirs) continue;
    // Zones are collected before groups (and groups before externals) in each file: the later one is the second.
    const [first, second, firstKind, secondKind] = isBefore(theirs, loc) ? [theirs, loc, other, kind] : [loc, theirs, kind, other];
    ctx.policy.clashes.push({ what: secondKind, name, first, second, firstWhat: firstKind });
    break;
  }
  return true;
}

function isBefore(a: SourceLoc, b: SourceLoc): boolean {
  if (a.file !== b.file) return true; // files are collected in order
  return a.range.start.line < b.range.start.line || (a.range.start.line === b.range.start.line && a.range.start.col < b.range.start.col);
}

export function spanned<T>(doc: LoadedDocument, node: YamlNode, value: T): Spanned<T> {
  return { value, loc: locOf(doc, node) };
}

export function freeText(node: unknown): string | undefined {
  const t = text(node);
  return t === undefined || t === '' ? undefined : t;
}

/** Addresses and prefixes as written; unparseable ones were reported by the schema and are left out. */
export function prefixes(doc: LoadedDocument, node: unknown): WrittenPrefix[] {
  const out: WrittenPrefix[] = [];
  for (const n of oneOrMany(node)) {
    const t = text(n);
    if (t === undefined) continue;
    const parsed = parsePrefix(t);
    if ('error' in parsed) continue;
    out.push({ prefix: parsed.prefix, text: t, hostBitsSet: parsed.hostBitsSet, loc: locOf(doc, n) });
  }
  return out;
}

export function labels(doc: LoadedDocument, node: unknown): Spanned<string>[] {
  return oneOrMany(node).flatMap((n) => {
    const t = text(n);
    return t === undefined ? [] : [spanned(doc, n, t)];
  });
}

export function collectZones(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  for (const { key, keyNode, value } of entries(section)) {
    const loc = locOf(doc, keyNode);
    if (!defineEndpoint(ctx, 'zone', key, loc)) continue;
    const via = field(value, 'via');
    const vlan = field(value, 'vlan');
    const vlanId = integer(vlan?.value);
    const zone: Zone = {
      kind: 'zone',
      name: key,
      loc,
      subnets: prefixes(doc, field(value, 'subnets')?.value),
      gateways: prefixes(doc, field(value, 'gateway')?.value),
      via: via?.value ? spanned(doc, via.value, text(via.value) ?? '') : { value: '', loc },
      labels: labels(doc, field(value, 'labels')?.value),
      isolation: bool(field(value, 'isolation')?.value) ?? false,
      mode: modeOf(field(value, 'mode')?.value),
      infrastructure: infrastructureOf(ctx, doc, loc, field(value, 'infrastructure')),
    };
    if (vlan?.value && vlanId !== undefined) zone.vlan = spanned(doc, vlan.value, vlanId);
    const iface = field(value, 'interface')?.value;
    const ifaceName = text(iface);
    if (iface && ifaceName) zone.interface = spanned(doc, iface, ifaceName);
    const description = freeText(field(value, 'description')?.value);
    if (description) zone.description = description;
    ctx.policy.zones.set(key, zone);
  }
}

function infrastructureOf(ctx: BuildContext, doc: LoadedDocument, zoneLoc: SourceLoc, written: ReturnType<typeof field>): Infrastructure {
  const value = written?.value;
  const fhrp = text(field(value, 'fhrp')?.value);
  const infrastructure: Infrastructure = {
    dhcpRelay: [],
    fhrp: FHRP_PROTOCOLS.find((p) => p === fhrp) ?? 'none',
    ipv6Nd: bool(field(value, 'ipv6-nd')?.value) ?? true,
    icmpErrors: bool(field(value, 'icmp-errors')?.value) ?? true,
    loc: written ? locOf(doc, written.keyNode) : zoneLoc,
  };
  const relay = oneOrMany(field(value, 'dhcp-relay')?.value);
  if (relay.length > 0) ctx.later.push(() => infrastructure.dhcpRelay.push(...relay.map((n) => resolveEndpoint(ctx.policy, doc, n))));
  return infrastructure;
}

export function collectGroups(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  for (const { key, keyNode, value } of entries(section)) {
    const loc = locOf(doc, keyNode);
    if (!defineEndpoint(ctx, 'group', key, loc)) continue;
    const zone = field(value, 'zone');
    const group: Group = {
      kind: 'group',
      name: key,
      loc,
      zone: zone?.value ? spanned(doc, zone.value, text(zone.value) ?? '') : { value: '', loc },
      addresses: prefixes(doc, field(value, 'addresses')?.value),
      labels: labels(doc, field(value, 'labels')?.value),
    };
    for (const k of ['owner', 'manufacturer', 'model', 'description'] as const) {
      const t = freeText(field(value, k)?.value);
      if (t) group[k] = t;
    }
    const identities = field(value, 'identities');
    if (identities?.value) group.identities = identitiesOf(doc, identities);
    ctx.policy.groups.set(key, group);
  }
}

/** DNS is case-insensitive and a final dot names the root: both are dropped, so one name is one string. */
export function canonicalFqdn(written: string): string {
  return written.toLowerCase().replace(/\.$/, '');
}

export function collectExternals(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  for (const { key, keyNode, value } of entries(section)) {
    const loc = locOf(doc, keyNode);
    if (!defineEndpoint(ctx, 'external', key, loc)) continue;
    const fqdn = field(value, 'fqdn')?.value;
    const external: ExternalName = {
      kind: 'external',
      name: key,
      loc,
      fqdn: fqdn && text(fqdn) !== undefined ? spanned(doc, fqdn, canonicalFqdn(text(fqdn)!)) : { value: '', loc },
      addresses: prefixes(doc, field(value, 'addresses')?.value),
      labels: labels(doc, field(value, 'labels')?.value),
    };
    for (const k of ['owner', 'description'] as const) {
      const t = freeText(field(value, k)?.value);
      if (t) external[k] = t;
    }
    ctx.policy.externals.set(key, external);
  }
}

export function collectResolutions(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  for (const { key, keyNode, value } of entries(section)) {
    ctx.policy.resolutions.push({ fqdn: spanned(doc, keyNode, canonicalFqdn(key)), addresses: prefixes(doc, value) });
  }
}

export function collectServices(ctx: BuildContext, doc: LoadedDocument, section: unknown, standard: boolean): void {
  for (const { key, keyNode, value } of entries(section)) {
    const loc = locOf(doc, keyNode);
    if (!define(ctx, 'service', standard ? 'standard service' : 'service', key, loc)) continue;
    const service: Service = { kind: 'service', name: key, loc, specs: [], standard };
    for (const n of oneOrMany(value)) {
      const t = text(n);
      if (t === undefined) continue;
      const spec = parseServiceSpec(t);
      if ('error' in spec) ctx.policy.invalidServiceSpecs.push({ text: t, error: spec.error, loc: locOf(doc, n) });
      else service.specs.push(spanned(doc, n, spec));
    }
    ctx.policy.services.set(key, service);
  }
}

export function collectEnforcementPoints(ctx: BuildContext, doc: LoadedDocument, section: unknown): void {
  for (const { key, keyNode, value } of entries(section)) {
    const loc = locOf(doc, keyNode);
    if (!define(ctx, 'enforcement point', 'enforcement point', key, loc)) continue;
    const platform = field(value, 'platform');
    const ep: EnforcementPoint = {
      kind: 'enforcement-point',
      name: key,
      loc,
      platform: platform?.value ? spanned(doc, platform.value, text(platform.value) ?? '') : { value: '', loc },
      mode: modeOf(field(value, 'mode')?.value),
    };
    const role = field(value, 'role-attribute')?.value;
    if (role && text(role) !== undefined) ep.roleAttribute = spanned(doc, role, text(role)!);
    const description = freeText(field(value, 'description')?.value);
    if (description) ep.description = description;
    const devices = field(value, 'devices')?.value;
    if (devices) ep.devices = oneOrMany(devices).flatMap((n) => (text(n) === undefined ? [] : [spanned(doc, n, text(n)!)]));
    const capacity = entries(field(value, 'capacity')?.value).map((e): CapacityOverride => {
      const budget = integer(e.value);
      const override: CapacityOverride = { resource: spanned(doc, e.keyNode, e.key) };
      if (e.value && budget !== undefined) override.budget = spanned(doc, e.value, budget);
      return override;
    });
    if (capacity.length > 0) ep.capacity = capacity;
    ctx.policy.enforcementPoints.set(key, ep);
  }
}

/** The schema admits only the two words; anything else has been reported there. */
export function modeOf(node: unknown): Mode {
  return text(node) === 'monitor' ? 'monitor' : 'enforce';
}

function identitiesOf(doc: LoadedDocument, written: NonNullable<ReturnType<typeof field>>): GroupIdentities {
  const texts = (k: string) => oneOrMany(field(written.value, k)?.value).flatMap((n) => (text(n) === undefined ? [] : [spanned(doc, n, text(n)!)]));
  const out: GroupIdentities = { loc: locOf(doc, written.keyNode), macs: texts('macs'), ouis: texts('ouis'), dot1x: texts('dot1x'), certificates: texts('certificates') };
  const mud = field(written.value, 'mud-url')?.value;
  if (mud && text(mud) !== undefined) out.mudUrl = spanned(doc, mud, text(mud)!);
  return out;
}

export function collectUnknownDevices(ctx: BuildContext, doc: LoadedDocument, node: ReturnType<typeof field>): void {
  if (!node?.value) return;
  const zone = field(node.value, 'zone')?.value;
  const out: UnknownDevices = { loc: locOf(doc, node.keyNode), reject: bool(field(node.value, 'reject')?.value) ?? false };
  if (zone && text(zone) !== undefined) out.zone = spanned(doc, zone, text(zone)!);
  ctx.policy.unknownDevices = out;
}
