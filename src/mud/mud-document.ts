import { lineIndexOf } from '../lang/line-index.js';
import { parseJson, type Json, type JsonObject, type Located } from './json-positions.js';

export type Direction = 'from-device' | 'to-device';

/** One ACE of a MUD file, with the ACL that holds it, the policy that applies it, and where it is written. */
export interface MudAce {
  acl: string;
  aclType: string;
  name: string;
  direction: Direction;
  matches: JsonObject;
  actions: Json;
  line: number;
  col: number;
}

/**
 * Something of the file that becomes no intent, said at its place. `counts: false` for what allows nothing anyway (a
 * note); `kind: 'conflict'` for what is represented but refused by the policy it joins (--policy).
 */
export interface MudProblem {
  file: string;
  line: number;
  col: number;
  where: string;
  reason: string;
  counts: boolean;
  kind?: 'conflict';
}

export interface MudFile {
  file: string;
  url: string;
  /** Where the file says its URL (the "mud-url" key), 1-based. */
  urlAt: { line: number; col: number };
  systeminfo?: string;
  mfgName?: string;
  modelName?: string;
  aces: MudAce[];
  problems: MudProblem[];
}

/** A file that is not JSON, or not a MUD file: file:line:col and what to do. */
export class MudInputError extends Error {
  override name = 'InputError';
}

const isObject = (v: Json | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);
/** YANG JSON names carry their module on first use (`ietf-mud:mud`); both spellings are read. */
const member = (o: JsonObject, key: string, module: string): Json | undefined => o[`${module}:${key}`] ?? o[key];
const text = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v : undefined);
/** An identity value without its module prefix: `ietf-access-control-list:accept` is `accept`. */
export const identity = (v: Json | undefined): string | undefined => text(v)?.replace(/^[A-Za-z0-9_.-]+:/, '');

export function readMud(file: string, source: string): MudFile {
  const lines = lineIndexOf(source);
  let parsed;
  try {
    parsed = parseJson(source);
  } catch (e) {
    if (!(e instanceof Error) || e.name !== 'JsonSyntaxError') throw e;
    const { line, col } = lines.linePos((e as Error & { offset: number }).offset);
    throw new MudInputError(`${file}:${line}:${col}: not valid JSON: ${e.message}`);
  }
  const { value, at } = parsed;
  const place = (o: object, key?: string) => {
    const located: Located | undefined = at.get(o);
    return lines.linePos((key !== undefined ? located?.keys.get(key) : undefined) ?? located?.offset ?? 0);
  };
  const refuse = (o: object, why: string): never => {
    const { line, col } = place(o);
    throw new MudInputError(`${file}:${line}:${col}: not a MUD file: ${why} (RFC 8520 JSON has an "ietf-mud:mud" container and ACLs in "ietf-access-control-list:acls")`);
  };
  if (!isObject(value)) return refuse(at.get(value as object) ? (value as object) : {}, 'the file is not a JSON object');
  const mud = member(value, 'mud', 'ietf-mud');
  if (!isObject(mud)) return refuse(value, 'no "ietf-mud:mud" object');
  const url = text(mud['mud-url']);
  if (url === undefined) return refuse(mud, 'the "ietf-mud:mud" object has no "mud-url" string');
  const aclList = member(value, 'acls', 'ietf-access-control-list') ?? member(value, 'access-lists', 'ietf-access-control-list');
  const acls = isObject(aclList) && Array.isArray(aclList.acl) ? aclList.acl.filter(isObject) : [];
  const byName = new Map(acls.filter((a) => typeof a.name === 'string').map((a) => [a.name as string, a]));
  const out: MudFile = { file, url, urlAt: place(mud, 'mud-url'), aces: [], problems: [] };
  for (const [key, field] of [['systeminfo', 'systeminfo'], ['mfg-name', 'mfgName'], ['model-name', 'modelName']] as const) {
    const v = text(mud[key]);
    if (v !== undefined) out[field] = v;
  }
  const problem = (o: object, where: string, reason: string, counts = true) => out.problems.push({ file, ...place(o, 'name'), where, reason, counts });
  const used = new Set<string>();
  for (const direction of ['from-device', 'to-device'] as const) {
    const policy = mud[`${direction}-policy`];
    // RFC 8520 (section 2.1): from-device-policy/acls/access-list; its drafts, which most published files follow: access-lists.
    const lists = isObject(policy) ? (policy.acls ?? policy['access-lists']) : undefined;
    const refs = isObject(lists) && Array.isArray(lists['access-list']) ? lists['access-list'].filter(isObject) : [];
    for (const ref of refs) {
      const name = text(ref.name) ?? '';
      const acl = byName.get(name);
      if (!acl) {
        problem(ref, `${direction}-policy acl ${JSON.stringify(name)}`, 'no ACL of that name in the file: what it was meant to allow is unknown');
        continue;
      }
      used.add(name);
      const aces = isObject(acl.aces) && Array.isArray(acl.aces.ace) ? acl.aces.ace.filter(isObject) : [];
      for (const ace of aces) {
        const aceName = text(ace.name) ?? '';
        const matches = isObject(ace.matches) ? ace.matches : (Object.create(null) as JsonObject);
        out.aces.push({ acl: name, aclType: identity(acl.type) ?? '', name: aceName, direction, matches, actions: ace.actions ?? null, ...place(ace, 'name') });
      }
    }
  }
  for (const acl of acls) {
    const name = text(acl.name) ?? '';
    if (!used.has(name)) problem(acl, `acl ${JSON.stringify(name)}`, 'no from-device-policy or to-device-policy names this ACL, so it applies to nothing: nothing imported', false);
  }
  return out;
}
