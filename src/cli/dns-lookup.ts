import { Resolver } from 'node:dns/promises';

export interface LookedUp {
  fqdn: string;
  /** A and AAAA answers, as the server gave them; empty when the name did not resolve. */
  addresses: string[];
  /** Why it did not resolve (empty when it did). */
  problem: string;
}

/** Codes node's resolver gives for a name with no record of the type asked: not an error, an empty answer. */
const NO_RECORD = new Set(['ENODATA', 'ENOTFOUND']);

/**
 * The A and AAAA records of each name, asked of `servers` (else the system's), a few at a time. A name with
 * neither is reported with the reason (no record, timeout, refused), never left out silently.
 */
export async function lookUp(fqdns: readonly string[], opts: { servers: readonly string[]; timeoutMs: number }): Promise<LookedUp[]> {
  const resolver = new Resolver({ timeout: opts.timeoutMs, tries: 2 });
  if (opts.servers.length > 0) resolver.setServers([...opts.servers]);
  const ask = async (fqdn: string, type: 'A' | 'AAAA'): Promise<{ addresses: string[]; problem?: string }> => {
    try {
      return { addresses: type === 'A' ? await resolver.resolve4(fqdn) : await resolver.resolve6(fqdn) };
    } catch (err) {
      const code = (err as { code?: string }).code ?? 'error';
      return NO_RECORD.has(code) ? { addresses: [] } : { addresses: [], problem: code };
    }
  };
  const out: LookedUp[] = [];
  const queue = [...fqdns];
  const worker = async () => {
    for (let fqdn = queue.shift(); fqdn !== undefined; fqdn = queue.shift()) {
      const [a, aaaa] = await Promise.all([ask(fqdn, 'A'), ask(fqdn, 'AAAA')]);
      const addresses = [...a.addresses, ...aaaa.addresses];
      const problems = [a.problem, aaaa.problem].filter((p) => p !== undefined);
      const problem = addresses.length > 0 ? '' : problems.length > 0 ? `no answer (${[...new Set(problems)].join(', ')})` : 'no A or AAAA record';
      out.push({ fqdn, addresses, problem });
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, fqdns.length) }, worker));
  return out.sort((x, y) => (x.fqdn < y.fqdn ? -1 : x.fqdn > y.fqdn ? 1 : 0));
}
