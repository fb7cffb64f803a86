import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import { STAND_IN_BLOCKS } from '../model/dns-names.js';
import type { WrittenPrefix } from '../model/policy.js';
import type { SourceLoc } from '../model/source.js';
import { endpointReferences } from '../model/references.js';
import { formatPrefix, prefixBounds, prefixesOverlap } from '../net/address.js';
import * as iv from '../net/interval-set.js';
import type { Check } from './check.js';

/** Two externals of one DNS name would split what the name's traffic is, and which intent decides it. */
export const fqdnClaimedTwice: Check = {
  code: 'WL307',
  name: 'fqdn-claimed-twice',
  severity: 'error',
  description: 'Two externals have the same DNS name.',
  run: ({ policy }) => {
    const first = new Map<string, { name: string; loc: SourceLoc }>();
    const out: Diagnostic[] = [];
    for (const e of policy.externals.values()) {
      if (e.fqdn.value === '') continue;
      const held = first.get(e.fqdn.value);
      if (!held) {
        first.set(e.fqdn.value, { name: e.name, loc: e.fqdn.loc });
        continue;
      }
      out.push(
        diagnostic('WL307', 'error', `externals "${held.name}" and "${e.name}" both have the DNS name ${e.fqdn.value}`, e.fqdn.loc, {
          hint: `One name is one endpoint: refer to "${held.name}" and remove "${e.name}", or give it its own name.`,
          related: [related(`external "${held.name}" has it here`, held.loc)],
        }),
      );
    }
    return out;
  },
};

/** A resolution for a name no external has is a typo, or a leftover of a removed external. */
export const unusedDnsEntry: Check = {
  code: 'WL308',
  name: 'unused-dns-entry',
  severity: 'warning',
  description: 'A dns: entry names a DNS name that no external has.',
  run: ({ policy, addresses }) =>
    policy.resolutions
      .filter((r) => addresses.names.byFqdn(r.fqdn.value) === undefined)
      .map((r) =>
        diagnostic('WL308', 'warning', `no external has the DNS name ${r.fqdn.value}, so this entry resolves nothing`, r.fqdn.loc, {
          hint: `Add an external with fqdn: ${r.fqdn.value}, or correct the name (externals are matched by fqdn, case-insensitively).`,
        }),
      ),
};

/**
 * An external is outside every zone: an address it resolves to inside a zone would be two things at once, and a
 * flow to the vendor's cloud would open that zone's host.
 */
export const externalAddressInZone: Check = {
  code: 'WL413',
  name: 'external-address-in-zone',
  severity: 'error',
  description: "An external's address (its own or a dns: entry's) lies inside a zone.",
  run: ({ policy, addresses }) => {
    const out: Diagnostic[] = [];
    for (const e of addresses.names.all) {
      const written = [...e.addresses, ...policy.resolutions.filter((r) => r.fqdn.value === e.fqdn.value).flatMap((r) => r.addresses)];
      for (const p of written) {
        const inside = iv.subtract(iv.single(...prefixBounds(p.prefix)), addresses.external);
        if (iv.isEmpty(inside)) continue;
        const zone = addresses.identityOf(iv.first(inside)!).zone ?? '';
        out.push(
          diagnostic('WL413', 'error', `${p.text}, an address of external "${e.name}" (${e.fqdn.value}), lies inside zone "${zone}"`, p.loc, {
            hint: 'An external is outside every zone: correct the address, or, if the server is one of yours, make it a group of its zone.',
            related: [related(`external "${e.name}" is defined here`, e.loc)],
          }),
        );
      }
    }
    return out;
  },
};

/** The blocks the simulator keeps names in (model/dns-names.ts): an address the policy writes there would be taken for a name. */
export const standInBlock: Check = {
  code: 'WL414',
  name: 'dns-stand-in-block',
  severity: 'error',
  description: 'An address or prefix lies in 240.0.0.0/8 or 100::/64, where the simulator keeps DNS names.',
  run: ({ policy, addresses }) => {
    // Only names that stand for whatever DNS says have stand-ins; without any, the blocks are ordinary addresses.
    if (iv.isEmpty(addresses.names.standIns)) return [];
    const written: WrittenPrefix[] = [
      ...[...policy.zones.values()].flatMap((z) => [...z.subnets, ...z.gateways]),
      ...[...policy.groups.values()].flatMap((g) => g.addresses),
      ...[...policy.externals.values()].flatMap((e) => e.addresses),
      ...policy.resolutions.flatMap((r) => r.addresses),
      ...endpointReferences(policy).flatMap((r) => (r.kind === 'prefix' ? [r.prefix] : [])),
    ];
    // A prefix of length 0 is every address, names included: that is what it means.
    return written
      .filter((p) => p.prefix.length > 0 && STAND_IN_BLOCKS.some((b) => prefixesOverlap(b, p.prefix)))
      .map((p) => {
        const block = STAND_IN_BLOCKS.find((b) => prefixesOverlap(b, p.prefix))!;
        return diagnostic('WL414', 'error', `${p.text} reaches into ${formatPrefix(block)}, which no host has: wardline keeps the DNS names it cannot resolve there`, p.loc, {
          hint: 'Correct the address; for every address write any, for every address in no zone write external.',
        });
      });
  },
};
