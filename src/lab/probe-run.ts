import type { ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import type { Outcome } from './agent.js';
import { startAgent, type Lab } from './netns.js';
import type { Probe } from './probes.js';

const LETTERS: Record<string, Outcome> = { o: 'open', r: 'refused', s: 'silent' };

/** The lines an agent prints, awaited one match at a time; an agent that stops fails every wait with its last words. */
export interface AgentLines {
  child: ChildProcess;
  next(match: (line: string) => boolean): Promise<string>;
}

export function agentLines(child: ChildProcess, onLine: (line: string) => void = () => undefined): AgentLines {
  const waiters: { match: (line: string) => boolean; resolve: (line: string) => void; reject: (err: Error) => void }[] = [];
  let stopped: Error | undefined;
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d.toString()).slice(-2000)));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    onLine(line);
    const k = waiters.findIndex((w) => w.match(line));
    if (k >= 0) waiters.splice(k, 1)[0]!.resolve(line);
  });
  child.on('exit', (code, signal) => {
    const why = err.trim().split('\n').slice(-2).join('; ');
    stopped = new Error(`lab agent stopped (${signal ?? `exit ${code}`})${why ? `: ${why}` : ''}`);
    for (const w of waiters.splice(0)) w.reject(stopped);
  });
  return {
    child,
    next: (match) =>
      new Promise((resolve, reject) => {
        if (stopped) reject(stopped);
        else waiters.push({ match, resolve, reject });
      }),
  };
}

/** One pass over `probes`: one agent per source namespace, all namespaces at once; outcomes in the order of `probes`. */
export async function probePass(
  lab: Lab,
  agent: string,
  probes: Probe[],
  opts: { timeoutMs: number; parallel: number; onProgress?: (done: number) => void },
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome>(probes.length);
  const done = new Map<string, number>();
  const byZone = new Map<string, number[]>();
  probes.forEach((p, i) => byZone.set(p.src.zone, [...(byZone.get(p.src.zone) ?? []), i]));
  await Promise.all(
    [...byZone].map(async ([zone, mine]) => {
      const job = {
        timeoutMs: opts.timeoutMs,
        parallel: opts.parallel,
        probes: mine.map((i) => ({ src: probes[i]!.src.address, dst: probes[i]!.dst.address, proto: probes[i]!.kind.proto, port: probes[i]!.kind.port })),
      };
      const lines = agentLines(startAgent(lab, lab.zoneNs.get(zone)!, agent, 'probe', job), (line) => {
        if (!line.startsWith('progress ')) return;
        done.set(zone, Number(line.slice(9)));
        opts.onProgress?.([...done.values()].reduce((a, b) => a + b, 0));
      });
      const result = await lines.next((line) => line.startsWith('result '));
      mine.forEach((i, k) => (outcomes[i] = LETTERS[result.charAt(7 + k)] ?? 'silent'));
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
export async function collectSeen(servers: AgentLines[]): Promise<Set<string>> {
  const all = new Set<string>();
  await Promise.all(
    servers.map(async (s) => {
      const answer = s.next((line) => line.startsWith('seen '));
      s.child.stdin!.write('seen\n');
      for (const key of JSON.parse((await answer).slice(5)) as string[]) all.add(key);
    }),
  );
  return all;
}
