import type { Provenance } from './ir.js';

/** `flow pumps-to-pump-server (flows.yaml:14)`: how every target names the intent behind a line. */
export function provenanceText(p: Provenance): string {
  // Lines of one intent share its provenance object: its text is built once.
  let text = texts.get(p);
  if (text === undefined) texts.set(p, (text = describe(p)));
  return text;
}

const texts = new WeakMap<Provenance, string>();

function describe(p: Provenance): string {
  return p.also?.length ? `${own(p)}${alsoText(p)}` : own(p);
}

/** How many joined intents a text names before it counts the rest. */
const ALSO_NAMED = 10;

function alsoText(p: Provenance): string {
  const ids = p.also!;
  const word = p.kind === 'guardrail' ? 'guardrails' : p.kind === 'segment' ? 'zones' : p.kind === 'infrastructure' ? 'infrastructure' : 'flows';
  const more = ids.length > ALSO_NAMED ? ` and ${ids.length - ALSO_NAMED} more` : '';
  return ` (joined with ${p.kind === 'return' ? 'replies to ' : ''}${word} ${ids.slice(0, ALSO_NAMED).join(', ')}${more})`;
}

function own(p: Provenance): string {
  const at = p.file ? ` (${p.file}:${p.line})` : '';
  switch (p.kind) {
    case 'flow':
      return `flow ${p.id}${at}`;
    case 'exception':
      return `flow ${p.id}${at}, excepted from guardrail ${p.guardrail}`;
    case 'guardrail':
      // The marker first: a platform that cuts comments short keeps it.
      return p.monitor ? `${p.monitor}: guardrail ${p.id}${at} in monitor mode: would deny, passed and logged` : `guardrail ${p.id}${at}`;
    case 'monitor':
      return `${p.monitor}: zone ${p.id} in monitor mode: what the default would deny is passed and logged`;
    case 'return':
      if (p.monitor) return `replies to connections monitor mode passes (${p.monitor}, ${p.id})`;
      // A zone's infrastructure has an id `zone/service`; a flow's id never holds a `/`.
      return p.id?.includes('/') ? `replies to infrastructure ${p.id}${at}` : `replies to flow ${p.id}${at}`;
    case 'infrastructure':
      return `infrastructure ${p.id}${at}`;
    case 'default':
      return 'default deny';
    case 'isolation':
      return `isolation of zone ${p.id}${at}: ${ISOLATION_WHY[p.isolation ?? 'hosts']}`;
    case 'segment':
      return p.gateways ? `zone ${p.id}${at}: its gateways are this device, not hosts of the segment` : `zone ${p.id}${at}: its subnets are one segment`;
  }
}

const ISOLATION_WHY = {
  link: 'link services and neighbour discovery pass',
  gateway: 'the gateway passes',
  hosts: 'dropped between its hosts (subnets, link-local, broadcast, multicast)',
} as const;

/**
 * `flow a (flows.yaml:3): why`: the intent behind a rule, where it is written, and its reason, for the free-text field a
 * platform keeps on the device (a rule's description or comments). The IR's description starts with the intent's id
 * (`a: why`) or names the intent itself (`default deny: ...`); that start is not repeated.
 */
export function intentWithReason(p: Provenance, description: string): string {
  const intent = provenanceText(p);
  const prefix = [`${intent}: `, ...(p.id ? [`${p.id}: `] : [])].find((x) => description.startsWith(x));
  const why = prefix ? description.slice(prefix.length) : description;
  return why === '' || why === p.id || why === intent ? intent : `${intent}: ${why}`;
}

const REMEMBERED_MAX = 50_000;

/**
 * A pure text function (free text escaped for a platform, within a limit) answered once per text and limit: every
 * line an intent gives repeats its text, at both ends' enforcement points. The answer is shared, so callers must not
 * change it. Bounded, so a long-lived process does not keep every text it ever escaped.
 */
export function remembered<T>(fn: (text: string, max: number) => T): (text: string, max: number) => T {
  const byMax = new Map<number, Map<string, T>>();
  return (text, max) => {
    let cache = byMax.get(max);
    if (!cache) byMax.set(max, (cache = new Map()));
    let answer = cache.get(text);
    if (answer === undefined) {
      if (cache.size >= REMEMBERED_MAX) cache.clear();
      cache.set(text, (answer = fn(text, max)));
    }
    return answer;
  };
}
