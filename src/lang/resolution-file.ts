import { addressKey, formatAddress, parseAddress } from '../net/address.js';

import { RESOLUTION_MARKER } from '../cli/resolve-option.js';

/** What one DNS name resolved to, as the resolver answered (any order, repeats allowed). */
export interface Answered {
  fqdn: string;
  addresses: string[];
}

/**
 * A resolution file (a policy file holding `dns:` only, for --resolve or the policy directory): names in order,
 * each name's addresses canonical, IPv4 before IPv6, ascending, once each; the same answers give the same bytes
 * whatever order the resolver gave them in.
 */
export function resolutionFile(answers: readonly Answered[]): string {
  const lines = [
    `${RESOLUTION_MARKER} what the policy's DNS names resolved to, for platforms that match addresses only.`,
    '# Regenerate it with wardline resolve; compile and verify read it with --resolve FILE (or from the policy directory).',
    'wardline: 1',
    'dns:',
  ];
  const sorted = [...answers].sort((a, b) => (a.fqdn < b.fqdn ? -1 : a.fqdn > b.fqdn ? 1 : 0));
  for (const { fqdn, addresses } of sorted) {
    const keyed = new Map<bigint, string>();
    for (const text of addresses) {
      const parsed = parseAddress(text);
      if (parsed) keyed.set(addressKey(parsed.family, parsed.value), formatAddress(parsed.family, parsed.value));
    }
    const list = [...keyed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, t]) => (t.includes(':') ? `"${t}"` : t));
    lines.push(`  ${fqdn}: [${list.join(', ')}]`);
  }
  return `${lines.join('\n')}\n`;
}
