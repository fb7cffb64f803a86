/**
 * JSON with the offset of every object and array and of each key: a MUD file's problems are reported at the line of
 * the ACE they concern, and JSON.parse gives no positions. Objects have no prototype, so no key ("__proto__") is special.
 */
export type Json = null | boolean | number | string | Json[] | JsonObject;
export interface JsonObject {
  [key: string]: Json;
}

export interface Located {
  /** Where the object or array opens. */
  offset: number;
  /** Where each key of an object is written (the last of duplicates, whose value JSON keeps). */
  keys: Map<string, number>;
}

export interface ParsedJson {
  value: Json;
  at: WeakMap<object, Located>;
}

export class JsonSyntaxError extends Error {
  override name = 'JsonSyntaxError';
  constructor(message: string, readonly offset: number) {
    super(message);
  }
}

/** Nesting beyond this is refused rather than recursed into: no input can exhaust the stack. */
const DEPTH_LIMIT = 256;
/** A string up to (not including) its closing quote; sticky, so each match starts where the parser is. */
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*/y;
const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

export function parseJson(text: string): ParsedJson {
  const at = new WeakMap<object, Located>();
  let i = 0;
  const fail = (what: string): never => {
    const found = i >= text.length ? 'the end of the file' : JSON.stringify(text[i]);
    throw new JsonSyntaxError(`${what}, found ${found}`, i);
  };
  const space = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const value = (depth: number): Json => {
    space();
    if (depth > DEPTH_LIMIT) fail(`nested more than ${DEPTH_LIMIT} deep`);
    const c = text[i];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (!m) return fail('expected a JSON value');
    i += m[0].length;
    return Number(m[0]);
  };
  const object = (depth: number): JsonObject => {
    const o = Object.create(null) as JsonObject;
    const located: Located = { offset: i, keys: new Map() };
    at.set(o, located);
    i++;
    space();
    if (text[i] === '}') {
      i++;
      return o;
    }
    for (;;) {
      space();
      if (text[i] !== '"') fail('expected a key in double quotes');
      const keyAt = i;
      const key = string();
      space();
      if (text[i] !== ':') fail('expected ":" after the key');
      i++;
      o[key] = value(depth + 1);
      located.keys.set(key, keyAt);
      space();
      if (text[i] === ',') i++;
      else if (text[i] === '}') {
        i++;
        return o;
      } else fail('expected "," or "}"');
    }
  };
  const array = (depth: number): Json[] => {
    const a: Json[] = [];
    at.set(a, { offset: i, keys: new Map() });
    i++;
    space();
    if (text[i] === ']') {
      i++;
      return a;
    }
    for (;;) {
      a.push(value(depth + 1));
      space();
      if (text[i] === ',') i++;
      else if (text[i] === ']') {
        i++;
        return a;
      } else fail('expected "," or "]"');
    }
  };
  const string = (): string => {
    STRING.lastIndex = i;
    const m = STRING.exec(text)!;
    i += m[0].length;
    if (text[i] !== '"') return fail(i >= text.length ? 'a string that is never closed' : 'a control character or bad escape in a string');
    i++;
    return JSON.parse(`${m[0]}"`) as string;
  };
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  const v = value(0);
  space();
  if (i < text.length) fail('expected the end of the file after the JSON value');
  return { value: v, at };
}
