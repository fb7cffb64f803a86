import type { Answer, DeciderRef, ExamplePacket, Hop, Part } from '../answer.js';

/**
 * One answer as one line of JSON, byte for byte what JSON.stringify gives, but fast: paths and deciders are shared
 * frozen objects (engine.ts, query.ts), so their JSON is written once and kept.
 */
export function formatAnswerJsonLine(a: Answer): string {
  const replies = a.replies === null ? 'null' : `{"decidedBy":${deciders(a.replies.decidedBy)},"example":${example(a.replies.example)}}`;
  return (
    `{"from":${str(a.from)},"to":${str(a.to)},"service":${a.service === null ? 'null' : str(a.service)},"verdict":"${a.verdict}",` +
    `"example":${a.example === null ? 'null' : example(a.example)},"decidedBy":${deciders(a.decidedBy)},"path":${hops(a.path)},` +
    `"parts":[${a.parts.map(part).join(',')}],"replies":${replies},"expired":${JSON.stringify(a.expired)},"notes":${JSON.stringify(a.notes)}}`
  );
}

const str = JSON.stringify as (s: string) => string;

const kept = new WeakMap<object, string>();

function cachedJson(value: object): string {
  let text = kept.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (Object.isFrozen(value)) kept.set(value, text);
  }
  return text;
}

function hops(list: readonly Hop[]): string {
  return cachedJson(list);
}

function deciders(list: readonly DeciderRef[]): string {
  return Object.isFrozen(list) ? cachedJson(list) : `[${list.map(cachedJson).join(',')}]`;
}

function example(e: ExamplePacket): string {
  return `{"src":${str(e.src)},"dst":${str(e.dst)},"service":${str(e.service)}}`;
}

function paths(list: readonly Hop[][]): string {
  return Object.isFrozen(list) ? cachedJson(list) : `[${list.map(hops).join(',')}]`;
}

function part(p: Part): string {
  return (
    `{"verdict":"${p.verdict}","sources":${str(p.sources)},"destinations":${str(p.destinations)},"services":${str(p.services)},` +
    `"example":${example(p.example)},"decidedBy":${deciders(p.decidedBy)},"paths":${paths(p.paths)}}`
  );
}
