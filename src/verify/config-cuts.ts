import { addressKey, parseAddress, parsePrefix, prefixBounds, V6_FIRST } from '../net/address.js';
import type { ExtraCuts } from '../model/packet-classes.js';

const ADDRESSISH = /[0-9A-Fa-f:.]*[.:][0-9A-Fa-f:.]*(?:\/\d{1,3})?/g;
/** A whole number, not part of a name, hash or address (`v4-f4ff829e`, `10.0.0.1`). */
const NUMBER = /(?<![\w.:-])\d+(?![\w.:])/g;
/** Words near which a number may be a port, in the platforms' syntaxes (never used to decide: only to sample). */
const PORTISH = /port|eq |neq |gt |lt |range|tcp|udp|sctp|service|dport|sport|-portrange/i;

/**
 * Where a configuration's own text may decide at points the policy never names: on every line that is not in what
 * compile writes for the same file (a hand edit, a line a device added), every address and prefix (each bound, and
 * the address after) and every whole number on a line that speaks of ports (and the one after). Text that permits
 * `host 192.0.2.77` or `eq 5900` is then sampled there. An over-approximation (a sequence number, a mask may come
 * along): more classes only sample more finely; lines as compiled add nothing, so an untouched compile costs nothing.
 */
export function configCuts(files: ReadonlyMap<string, string>, compiled: ReadonlyMap<string, string>): ExtraCuts {
  const addresses = new Set<bigint>();
  const ports = new Set<number>();
  // Lines compile writes for the same device directory, whatever the file is called (`--point EP FILE`).
  const dirOf = (path: string) => path.slice(0, path.lastIndexOf('/') + 1);
  const compiledLines = new Map<string, Set<string>>();
  for (const [path, text] of compiled) {
    const set = compiledLines.get(dirOf(path)) ?? new Set<string>();
    for (const line of text.split('\n')) set.add(line.trim());
    compiledLines.set(dirOf(path), set);
  }
  for (const [path, text] of files) {
    const known = compiledLines.get(dirOf(path)) ?? new Set<string>();
    for (const line of text.split('\n')) {
      if (known.has(line.trim()) || line.trimStart().startsWith('#') || line.trimStart().startsWith('!')) continue;
      for (const [token] of line.matchAll(ADDRESSISH)) addAddress(addresses, token);
      if (PORTISH.test(line)) {
        for (const [n] of line.matchAll(NUMBER)) {
          const port = Number(n);
          if (port <= 65535) ports.add(port).add(Math.min(port + 1, 65535));
        }
      }
    }
  }
  return { addresses: [...addresses], ports: [...ports] };
}

function addAddress(out: Set<bigint>, token: string): void {
  const clean = token.replace(/^[.:]+|[.:]+$/g, '');
  if (clean.includes('/')) {
    const parsed = parsePrefix(clean);
    if ('error' in parsed) return;
    const [lo, hi] = prefixBounds(parsed.prefix);
    out.add(lo);
    if (hi + 1n !== V6_FIRST && hi < V6_FIRST + (1n << 128n) - 1n) out.add(hi + 1n);
    return;
  }
  const a = parseAddress(clean);
  if (!a) return;
  const key = addressKey(a.family, a.value);
  out.add(key);
  if (key + 1n !== V6_FIRST && key < V6_FIRST + (1n << 128n) - 1n) out.add(key + 1n);
}
