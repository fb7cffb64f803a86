import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { infrastructureFlows } from '../model/infrastructure.js';
import type { EnforcementPoint, Policy, Zone } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';
import type { PointUsage } from './capacity.js';
import { capacityDeclarations, capacityFindings } from './capacity-limits.js';
import type { Capabilities } from './capabilities.js';
import type { Program, Provenance } from './ir.js';
import { reachesIpv4Space } from './ipv4-space.js';

/**
 * What a program needs that its target cannot express, as WL7xx errors at the intent that needs it.
 * A policy with any of these is not rendered: never a silently weaker configuration. The limits of the point's zones
 * (`pointLimits`) need only the model; the rest (`programLimits`) need the program, and its `usage` as the target
 * counts it (WL711: more entries than the device's budget; compile and check always pass it).
 */
export function limitFindings(policy: Policy, program: Program, caps: Capabilities, usage?: PointUsage): Diagnostic[] {
  const ep = policy.enforcementPoints.get(program.point)!;
  const capacity = usage ? capacityFindings(policy, ep, caps, usage) : [];
  return [...pointLimits(policy, ep, program.kind, caps), ...programLimits(policy, program, caps), ...capacity];
}

/** Whether `programLimits` or the capacity can find anything on a target with these capabilities (else the program need not be built). */
export function programLimitsPossible(caps: Capabilities, unresolvedNames = false): boolean {
  return caps.capacity.length > 0 || (!caps.fqdnObjects && unresolvedNames) || !caps.logging || (!caps.stateful && !caps.established) || caps.portProtocols !== undefined || caps.ipv4InIpv6 === true;
}

/** What the zones routed by a point ask of its platform: IPv6, isolation, VLANs, interface names, the link. */
export function pointLimits(policy: Policy, ep: EnforcementPoint, kind: Program['kind'], caps: Capabilities): Diagnostic[] {
  const platform = ep.platform.value;
  const out: Diagnostic[] = [];
  const zones = [...policy.zones.values()].filter((z) => z.via.value === ep.name);
  out.push(...pairLimits(ep, zones, caps));
  out.push(...capacityDeclarations(ep, caps));
  for (const zone of zones) {
    const v6 = zone.subnets.find((s) => s.prefix.family === 6);
    if (v6 && !caps.ipv6) {
      out.push(
        diagnostic('WL701', 'error', `zone "${zone.name}" has IPv6 subnet ${v6.text}, but ${platform} on "${ep.name}" cannot filter IPv6`, v6.loc, {
          hint: 'Route the zone via an enforcement point whose platform filters IPv6, or remove the IPv6 subnet.',
        }),
      );
    }
    if (zone.isolation && !caps.portIsolation) {
      out.push(
        diagnostic('WL702', 'error', `zone "${zone.name}" asks for port isolation, which ${platform} on "${ep.name}" cannot render`, zone.loc, {
          hint: 'Route the zone via a platform that renders port isolation, or drop isolation (hosts in the zone could then reach each other).',
        }),
      );
    }
    if (zone.isolation && caps.portIsolation && !zone.vlan && kind === 'firewall') {
      out.push(
        diagnostic('WL702', 'error', `zone "${zone.name}" asks for port isolation, which ${platform} on "${ep.name}" renders on a VLAN, and the zone has no vlan`, zone.loc, {
          hint: 'Give the zone a vlan: isolation is a filter or setting on that VLAN.',
        }),
      );
    }
    if (kind === 'acl' && !zone.vlan) {
      out.push(
        diagnostic('WL703', 'error', `zone "${zone.name}" is routed by switch "${ep.name}" (${platform}) but has no vlan`, zone.loc, {
          hint: 'Give the zone a vlan: its SVI carries the gateway address and the ACLs.',
        }),
      );
    }
  }
  if (caps.interfaceNameMax !== undefined && kind === 'firewall') {
    const onInterface = new Map<string, Zone>();
    for (const zone of zones) {
      const named = zone.interface?.value;
      // Two zones on one interface: what either link sends the device would meet the other zone's link rules.
      const effective = named ?? (zone.vlan === undefined ? undefined : `vlan${zone.vlan.value}`);
      const first = effective === undefined ? undefined : onInterface.get(effective);
      if (effective !== undefined && !first) onInterface.set(effective, zone);
      if (first) {
        out.push(
          diagnostic('WL707', 'error', `zone "${zone.name}" is on interface "${effective}" of "${ep.name}" (${platform}), as zone "${first.name}" is: the platform tells zones apart by interface to filter what their links send it`, zone.interface?.loc ?? zone.vlan?.loc ?? zone.loc, {
            hint: 'Give each zone on one enforcement point its own interface (a zone without interface: is on vlan<ID>).',
            related: [related(`zone "${first.name}" is on "${effective}"`, first.interface?.loc ?? first.vlan?.loc ?? first.loc)],
          }),
        );
      }
      if (named === undefined && zone.vlan === undefined) {
        out.push(
          diagnostic('WL707', 'error', `zone "${zone.name}" is routed by "${ep.name}" (${platform}), which tells zones apart by interface to filter what their links send it, and the zone has neither a vlan nor an interface`, zone.loc, {
            hint: `Give the zone its interface on ${ep.name} (interface: eth1), or its vlan (the interface is then vlan<ID>).`,
          }),
        );
      } else if (named !== undefined && named.length > caps.interfaceNameMax) {
        out.push(
          diagnostic('WL707', 'error', `interface "${named}" of zone "${zone.name}" is longer than the ${caps.interfaceNameMax} characters ${platform} takes`, zone.interface!.loc, {
            hint: 'Write the name the device gives the interface (ip link shows it).',
          }),
        );
      }
    }
  }
  if (caps.link) {
    for (const zone of zones) {
      const { infrastructure: infra } = zone;
      const v6 = zone.subnets.some((s) => s.prefix.family === 6);
      if (v6 && !infra.ipv6Nd && caps.link.ndAlways) {
        out.push(
          diagnostic('WL708', 'error', `zone "${zone.name}" says ipv6-nd: false, but ${platform} on "${ep.name}" answers neighbour discovery on every IPv6 interface`, infra.loc, {
            hint: 'Leave ipv6-nd on (IPv6 does not work without it), or route the zone via a platform that filters its link.',
          }),
        );
      }
      if (infra.fhrp !== 'none' && !caps.link.fhrp.includes(infra.fhrp)) {
        out.push(
          diagnostic('WL708', 'error', `zone "${zone.name}" asks for fhrp: ${infra.fhrp}, which ${platform} on "${ep.name}" does not speak`, infra.loc, {
            hint: `Use ${caps.link.fhrp.length ? caps.link.fhrp.join(' or ') : 'the platform\'s own high availability'} (fhrp: none), or route the zone via a platform that speaks ${infra.fhrp}.`,
          }),
        );
      }
    }
  }
  return out;
}

/** A pair or group of devices (`devices:`): its platform renders one, with the zones' FHRP and families. */
function pairLimits(ep: EnforcementPoint, zones: Zone[], caps: Capabilities): Diagnostic[] {
  if (!ep.devices || caps.pairs === 'one-config') return [];
  const platform = ep.platform.value;
  if (!caps.pairs) {
    return [
      diagnostic('WL710', 'error', `"${ep.name}" is a group of devices, which ${platform} does not render as one`, ep.devices[0]!.loc, {
        hint: 'Give each device its own enforcement point, or use a platform that renders pairs.',
      }),
    ];
  }
  const { fhrp, families } = caps.pairs;
  const out: Diagnostic[] = [];
  for (const zone of zones) {
    const infra = zone.infrastructure;
    if (infra.fhrp !== 'none' && !fhrp.includes(infra.fhrp)) {
      out.push(
        diagnostic('WL710', 'error', `zone "${zone.name}" keeps its gateway on the pair "${ep.name}" with fhrp: ${infra.fhrp}, which ${platform} pairs do not render`, infra.loc, {
          hint: `Use fhrp: ${fhrp.join(' or ')} for zones of ${platform} pairs.`,
        }),
      );
    }
    const v6 = zone.subnets.find((s) => s.prefix.family === 6);
    if (v6 && !families.includes(6)) {
      out.push(
        diagnostic('WL710', 'error', `zone "${zone.name}" has IPv6 subnet ${v6.text}, and wardline renders no virtual IPv6 gateway for ${platform} pairs`, v6.loc, {
          hint: 'Route the zone via a single device or a platform whose pairs keep an IPv6 virtual gateway (arista-eos, aruba-aoscx), or drop its IPv6 subnet.',
        }),
      );
    }
  }
  return out;
}

/** What the intents need of the program's platform: logging, established, ports of a protocol, one family per rule. */
export function programLimits(policy: Policy, program: Program, caps: Capabilities): Diagnostic[] {
  const ep = policy.enforcementPoints.get(program.point)!;
  const platform = program.platform;
  const out: Diagnostic[] = [];
  if (caps.ipv4InIpv6 && program.kind === 'firewall') {
    const objects = new Map(program.objects.map((o) => [o.name, o]));
    // A DNS name the device resolves (an FQDN object) matches its IPv4 addresses too, whatever the rule's family.
    const reaches = (side: string[]) => side.some((n) => n === 'any' || reachesIpv4Space(objects.get(n)?.prefixes ?? []) || (objects.get(n)?.fqdns?.length ?? 0) > 0);
    const seen = new Set<string>();
    for (const r of program.rules) {
      if (r.family !== 6 || r.provenance.kind === 'default' || !reaches(r.src) || !reaches(r.dst)) continue;
      const intent = ruleIntent(policy, r.provenance);
      if (!intent || seen.has(intent.what)) continue;
      seen.add(intent.what);
      const named = [...r.src, ...r.dst].some((n) => objects.get(n)?.fqdns);
      const sides = named ? 'each reach ::/96 or hold a DNS name (which the device resolves to IPv4 addresses too)' : 'both reach ::/96';
      out.push(
        diagnostic('WL709', 'error', `${intent.what} needs an IPv6 rule whose sources and destinations ${sides}, and ${platform} on "${ep.name}" matches IPv4 packets there too: the rule would also decide IPv4 traffic`, intent.loc, {
          hint: named
            ? 'Narrow the other side of the intent away from any and ::/96 (a group or zone), or give the external its addresses (addresses:, or a dns: entry).'
            : 'Narrow the IPv6 side of the intent (or the zone) away from ::/96, the space PAN-OS matches IPv4 addresses in; no real network uses it.',
        }),
      );
    }
  }
  if (!caps.fqdnObjects) out.push(...fqdnLimits(policy, program, ep));
  if (!caps.logging) {
    for (const f of policy.flows.filter((f) => f.log && programMentions(program, f.id))) {
      out.push(
        diagnostic('WL704', 'error', `flow "${f.id}" asks for logging, which ${platform} on "${ep.name}" cannot render`, f.loc, {
          hint: 'Remove log: true from the flow, or enforce it on a platform that logs matches.',
        }),
      );
    }
  }
  if (!caps.stateful && !caps.established && program.kind === 'acl') {
    // A joined line stands for every intent it names.
    const flows = new Set(program.lists.flatMap((l) => l.lines).filter((l) => l.reply?.kind === 'tcp-established').flatMap((l) => [l.provenance.id!, ...(l.provenance.also ?? [])]));
    for (const id of [...flows].sort()) {
      const f = policy.flows.find((x) => x.id === id)!;
      out.push(
        diagnostic('WL705', 'error', `flow "${id}" needs TCP replies passed back through "${ep.name}", and ${platform} has no match for established connections`, f.loc, {
          hint: 'Enforce the zones of this flow on a stateful platform, or on a switch whose ACLs match TCP established.',
        }),
      );
    }
  }
  if (caps.portProtocols && program.kind === 'firewall') {
    const can = new Set(caps.portProtocols);
    const needs = new Map<string, number>();
    for (const r of program.rules) {
      const m = r.services.find((s) => s.proto !== 'any' && s.ports && !can.has(s.proto));
      if (m && r.provenance.id && !needs.has(r.provenance.id) && m.proto !== 'any') needs.set(r.provenance.id, m.proto);
    }
    for (const [id, proto] of [...needs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      const intent = policy.flows.find((f) => f.id === id) ?? policy.guardrails.find((g) => g.id === id);
      if (!intent) continue;
      out.push(
        diagnostic('WL706', 'error', `"${id}" needs ports of IP protocol ${proto}, and ${platform} on "${ep.name}" matches ports of ${caps.portProtocols.map(protocolName).join(' and ')} only`, intent.loc, {
          hint: 'Name the whole protocol (e.g. sctp instead of sctp/3868), or enforce these zones on a platform that matches its ports.',
        }),
      );
    }
  }
  return out;
}

/** WL713: the intents whose lines name a DNS name without addresses, on a platform that matches addresses only. */
function fqdnLimits(policy: Policy, program: Program, ep: EnforcementPoint): Diagnostic[] {
  const named = new Map(program.objects.filter((o) => o.fqdns).map((o) => [o.name, o.fqdns!]));
  if (named.size === 0) return [];
  const lines: { src: string | string[]; dst: string | string[]; provenance: Provenance }[] =
    program.kind === 'acl' ? program.lists.flatMap((l) => l.lines) : [...program.rules, ...program.gateway];
  const needs = new Map<string, { what: string; loc: SourceLoc; fqdns: Set<string> }>();
  for (const line of lines) {
    const fqdns = [line.src, line.dst].flat().flatMap((n) => named.get(n) ?? []);
    if (fqdns.length === 0) continue;
    for (const id of [line.provenance.id, ...(line.provenance.also ?? [])]) {
      const intent = ruleIntent(policy, { ...line.provenance, id });
      if (!intent) continue;
      const held = needs.get(intent.what) ?? { ...intent, fqdns: new Set<string>() };
      fqdns.forEach((f) => held.fqdns.add(f));
      needs.set(intent.what, held);
    }
  }
  const externals = [...policy.externals.values()];
  return [...needs.values()].map(({ what, loc, fqdns }) => {
    const names = [...fqdns].sort().map((f) => `"${externals.find((e) => e.fqdn.value === f)?.name ?? f}" (${f})`);
    return diagnostic('WL713', 'error', `${what} names ${names.join(', ')}, known only by DNS name, and ${program.platform} on "${ep.name}" matches addresses only`, loc, {
      hint: 'Give the external its addresses (addresses: in the policy, or a dns: entry in a file given with --resolve), or enforce these zones on a platform with FQDN objects (PAN-OS, FortiOS).',
    });
  });
}

/**
 * What a firewall rule renders, named as a finding names it, and where it is written: a flow or guardrail (or an
 * exception to it), a zone's routed infrastructure (its DHCP relay) or a zone routed as one segment across subnets.
 */
function ruleIntent(policy: Policy, provenance: Provenance): { what: string; loc: SourceLoc } | undefined {
  const id = provenance.id;
  if (id === undefined) return undefined;
  if (provenance.kind === 'infrastructure') {
    const flow = infrastructureFlows(policy).find((f) => f.id === id);
    return flow && { what: `the ${flow.infrastructure.service} of zone "${flow.infrastructure.zone}"`, loc: flow.loc };
  }
  if (provenance.kind === 'segment') {
    const zone = policy.zones.get(id);
    return zone && { what: `zone "${id}" (one segment across its subnets)`, loc: zone.loc };
  }
  const intent = policy.flows.find((f) => f.id === id) ?? policy.guardrails.find((g) => g.id === id);
  return intent && { what: `"${id}"`, loc: intent.loc };
}

function protocolName(proto: number): string {
  return proto === 6 ? 'TCP' : proto === 17 ? 'UDP' : proto === 132 ? 'SCTP' : `protocol ${proto}`;
}

function programMentions(program: Program, id: string): boolean {
  return program.kind === 'acl'
    ? program.lists.some((l) => l.lines.some((x) => x.log && (x.provenance.id === id || x.provenance.also?.includes(id))))
    : program.rules.some((r) => r.provenance.id === id && r.log);
}
