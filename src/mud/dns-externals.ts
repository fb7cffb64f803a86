import { createHash } from 'node:crypto';
import { FQDN_PATTERN } from '../lang/schema-definitions.js';

/** The name limit of the language (NAME_PATTERN: 64 characters). */
const NAME_LIMIT = 64;
const FQDN = new RegExp(FQDN_PATTERN);

/**
 * The externals the DNS names of an import become: an external of --policy with the same fqdn, else a new one
 * named after the fqdn (`tech.carematix.com` as `tech-carematix-com`), distinct from every endpoint name in use.
 */
export interface DnsExternals {
  /** The external for a DNS name (lower case, without a final dot), or why the name cannot be one. */
  endpoint(fqdn: string): string | { reason: string };
  /** The externals this import defines, by name: their fqdn. */
  defined: ReadonlyMap<string, string>;
}

/**
 * `existing`: the policy's externals by fqdn (the first by name where two share one, which check refuses: WL307).
 * `taken`: every zone, group and external name of the policy, the imported group and zone, the --map endpoints.
 */
export function dnsExternals(existing: ReadonlyMap<string, string>, taken: Iterable<string>): DnsExternals {
  const used = new Set(['any', 'external', ...taken]);
  const mine = new Map<string, string>();
  const defined = new Map<string, string>();
  return {
    defined,
    endpoint(fqdn) {
      const known = existing.get(fqdn) ?? mine.get(fqdn);
      if (known !== undefined) return known;
      if (!FQDN.test(fqdn)) return { reason: `DNS name ${JSON.stringify(fqdn)} is not one an external can have (labels of letters, digits, hyphens and underscores, at least two, no wildcard): give --map ${fqdn}=ENDPOINT` };
      const name = freeName(nameOf(fqdn), used);
      used.add(name);
      mine.set(fqdn, name);
      defined.set(name, fqdn);
      return name;
    },
  };
}

/** The fqdn as a name: dots as hyphens, from its first letter or digit; a name too long keeps its start and a hash. */
export function nameOf(fqdn: string): string {
  const name = fqdn.replace(/\./g, '-').replace(/^[^a-z0-9]+/, '');
  if (name.length <= NAME_LIMIT) return name;
  const hash = createHash('sha256').update(fqdn).digest('hex').slice(0, 8);
  return `${trimEnd(name.slice(0, NAME_LIMIT - hash.length - 1))}-${hash}`;
}

/** The name itself when free, else the first of name-2, name-3… that is (cut to fit the limit). */
function freeName(name: string, used: ReadonlySet<string>): string {
  if (!used.has(name)) return name;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const candidate = `${trimEnd(name.slice(0, NAME_LIMIT - suffix.length))}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

const trimEnd = (s: string) => s.replace(/[-_.]+$/, '');
