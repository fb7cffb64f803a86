import { createInterface } from 'node:readline';
import type { Outcome } from './agent.js';
import type { Agent } from './netns.js';
import type { Probe } from './probes.js';

const LETTERS: Record<string, Outcome> = { o: 'open', r: 'refused', s: 'silent' };
const MIN_PARALLEL = 4;

/** The lines an agent prints, awaited one match at a time; an agent that stops fails every wait with its last words. */
export interface AgentLines {
  child: Agent;
  next(match: (line: string) => boolean): Promise<string>;
  /** Called with N for each "progress N" line. */
  onProgress?: ((done: number) => void) | undefined;
}

export function agentLines(child: Agent): AgentLines {
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void; reject: (err: Error) => void }[] = [];
  let stopped: Error | undefined;
  let err = '';
  child.stderr.on('data', (d) => (err = (err + d.toString()).slice(-2000)));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('progress ')) return self.onProgress?.(Number(line.slice(9)));
    const k = waiters.findIndex((w) => w.match(line));
    if (k >= 0) waiters.splice(k, 1)[0]!.resolve(line);
  });
  child.on('exit', (code, signal) => {
    const why = err.trim().split('\n').slice(-2).join('; ');
    stopped = new Error(`lab agent stopped (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`);
    for (const w of waiters.splice(0)) w.reject(stopped);
  });
  const self: AgentLines = {
    child,
    next: (match) =>
      new Promise((resolve, reject) => {
        if (stopped) reject(stopped);
        else waiters.push({ match, resolve, reject });
      }),
  };
  return self;
}

/**
 * One pass over `probes`, every zone's agent at once, `parallel` connections in flight in all, shared out by how many
 * probes each zone sends (so that every zone finishes together); outcomes in the order of `probes`.
 */
export async function probePass(
  agents: ReadonlyMap<string, AgentLines>,
  probes: Probe[],
  opts: { timeoutMs: number; parallel: number; onProgress?: (done: number) => void },
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(probes.length);
  const done = new Map<string, number>();
  const byZone = new Map<string, number[]>();
  probes.forEach((p, i) => byZone.set(p.src.seat, [...(byZone.get(p.src.seat) ?? []), i]));
  await Promise.all(
    [...byZone].map(async ([zone, mine]) => {
      const agent = agents.get(zone)!;
      const job = {
        timeoutMs: opts.timeoutMs,
        parallel: Math.max(MIN_PARALLEL, Math.ceil((opts.parallel * mine.length) / probes.length)),
        probes: mine.map((i) => ({ src: probes[i]!.src.address, dst: probes[i]!.dst.address, proto: probes[i]!.kind.proto, port: probes[i]!.kind.port })),
      };
      agent.onProgress = (n) => {
        done.set(zone, n);
        opts.onProgress?.([...done.values()].reduce((a, b) => a + b, 0));
      };
      const result = agent.next((line) => line.startsWith('result '));
      agent.child.stdin.write(`probe ${JSON.stringify(job)}\n`);
      const letters = await result;
      agent.onProgress = undefined;
      mine.forEach((i, k) => (outcomes[i] = LETTERS[letters.charAt(7 + k)] ?? 'silent'));
      done.set(zone, mine.length);
    }),
  );
  return outcomes;
}

/** The `seen` key of a probe: what its destination's listener records when the probe reaches it. */
export function seenKey(p: Probe): string {
  return `${p.kind.proto} ${p.src.address} ${p.dst.address} ${p.kind.port}`;
}

/** Asks every listening agent what reached it. */
export async function collectSeen(agents: ReadonlyMap<string, AgentLines>): Promise<Set<string>> {
  const all = new Set<string>();
  await Promise.all(
    [...agents.values()].map(async (s) => {
      const answer = s.next((line) => line.startsWith('seen '));
      s.child.stdin.write('seen\n');
      for (const key of JSON.parse((await answer).slice(5)) as string[]) all.add(key);
    }),
  );
  return all;
}
