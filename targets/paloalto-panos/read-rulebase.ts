import type { ConfigLine } from '../reader.js';
import { attributes, kept, single, Unread, value, yesNo, type Attribute } from './read-syntax.js';

export type Action = 'allow' | 'deny' | 'drop' | 'reset-client' | 'reset-server' | 'reset-both';
const ACTIONS: readonly string[] = ['allow', 'deny', 'drop', 'reset-client', 'reset-server', 'reset-both'];

/** One security rule as the commands build it: list attributes gather members (set adds), the others are replaced. */
export interface RuleDef {
  name: string;
  lists: Partial<Record<ListKey, string[]>>;
  /** PAN-OS's default action of a new rule is allow. */
  action: Action;
  negateSource: boolean;
  negateDestination: boolean;
  disabled: boolean;
  type: 'universal' | 'intrazone' | 'interzone';
  lines: ConfigLine[];
  broken?: string;
}

export const LIST_KEYS = ['from', 'to', 'source', 'destination', 'application', 'service', 'source-user', 'category', 'source-hip', 'destination-hip', 'hip-profiles'] as const;
export type ListKey = (typeof LIST_KEYS)[number];

export interface DefaultRule {
  action: 'allow' | 'deny';
  lines: ConfigLine[];
}

export interface Rulebase {
  rules: Map<string, RuleDef>;
  /** Rule names in rulebase order: a new rule lands at the bottom, `move` places it. */
  order: string[];
  /** The predefined rules below every rule: intrazone allows, interzone denies, unless the config overrides them. */
  intrazone: DefaultRule;
  interzone: DefaultRule;
}

export function emptyRulebase(): Rulebase {
  return { rules: new Map(), order: [], intrazone: { action: 'allow', lines: [] }, interzone: { action: 'deny', lines: [] } };
}

function ruleAttributes(r: RuleDef): Record<string, Attribute> {
  const list = (key: ListKey): Attribute => (ws, at) => {
    const { values, next } = value(ws, at);
    r.lists[key] = [...new Set([...(r.lists[key] ?? []), ...values])];
    return next;
  };
  const flag = (set: (v: boolean) => void): Attribute => (ws, at) => (set(yesNo(ws[at], ws[at - 1])), at + 1);
  return {
    ...Object.fromEntries(LIST_KEYS.map((k) => [k, list(k)])),
    action: (ws, at) => {
      const a = single(ws, at, 'action');
      if (!ACTIONS.includes(a)) throw new Unread(`action "${a}": PAN-OS actions are ${ACTIONS.join(', ')}`);
      r.action = a as Action;
      return at + 1;
    },
    'negate-source': flag((v) => (r.negateSource = v)),
    'negate-destination': flag((v) => (r.negateDestination = v)),
    disabled: flag((v) => (r.disabled = v)),
    'rule-type': (ws, at) => {
      const t = single(ws, at, 'rule-type');
      if (t !== 'universal' && t !== 'intrazone' && t !== 'interzone') throw new Unread(`rule-type "${t}": expected universal, intrazone or interzone`);
      r.type = t;
      return at + 1;
    },
    schedule: () => {
      throw new Unread('a scheduled rule matches by time of day; the reader cannot say when');
    },
    // Logging, labels and the threat profiles applied to allowed traffic: none changes which sessions a rule allows.
    'log-start': flag(() => undefined),
    'log-end': flag(() => undefined),
    'log-setting': kept,
    tag: kept,
    'group-tag': kept,
    description: kept,
    'icmp-unreachable': flag(() => undefined),
    option: (ws, at) => (ws[at] === 'disable-server-response-inspection' ? (yesNo(ws[at + 1], ws[at]), at + 2) : fail(`option "${ws[at] ?? ''}"`)),
    'profile-setting': (ws, at) => {
      if (ws[at] === 'group') return value(ws, at + 1).next;
      if (ws[at] === 'profiles') return value(ws, at + 2).next;
      return fail(`profile-setting "${ws[at] ?? ''}"`);
    },
  };
}

function fail(what: string): never {
  throw new Unread(`unknown rule attribute ${what}`);
}

function readRule(ws: readonly string[], line: ConfigLine, rb: Rulebase): void {
  const name = ws[3];
  if (name === undefined) throw new Unread('the rule has no name');
  let r = rb.rules.get(name);
  if (!r) {
    r = { name, lists: {}, action: 'allow', negateSource: false, negateDestination: false, disabled: false, type: 'universal', lines: [] };
    rb.rules.set(name, r);
    rb.order.push(name);
  }
  r.lines.push(line);
  try {
    attributes(ws, 4, ruleAttributes(r), 'rule');
  } catch (x) {
    if (x instanceof Unread) r.broken ??= `line ${line.line}: ${x.reason}`;
    throw x;
  }
}

function readDefault(ws: readonly string[], line: ConfigLine, rb: Rulebase): void {
  const which = ws[3];
  if (ws[2] !== 'rules' || (which !== 'intrazone-default' && which !== 'interzone-default')) throw new Unread('expected default-security-rules rules intrazone-default|interzone-default');
  const rule = which === 'intrazone-default' ? rb.intrazone : rb.interzone;
  rule.lines.push(line);
  const action: Attribute = (w, at) => {
    const a = single(w, at, 'action');
    if (!ACTIONS.includes(a)) throw new Unread(`action "${a}": PAN-OS actions are ${ACTIONS.join(', ')}`);
    rule.action = a === 'allow' ? 'allow' : 'deny';
    return at + 1;
  };
  attributes(ws, 4, { action, 'log-start': kept, 'log-end': kept, 'log-setting': kept, 'profile-setting': (w, at) => value(w, w[at] === 'profiles' ? at + 2 : at + 1).next }, 'default rule');
}

/** `move rulebase security rules <name> top|bottom|before <rule>|after <rule>`, applied where it stands in the file. */
function move(ws: readonly string[], rb: Rulebase): void {
  const [name, where, other] = ws.slice(3);
  if (name === undefined || !rb.rules.has(name)) throw new Unread(`move of rule "${name ?? ''}", which no earlier line defines`);
  const rest = rb.order.filter((n) => n !== name);
  if (where === 'top' || where === 'bottom') {
    if (other !== undefined) throw new Unread(`move ... ${where} takes nothing after it`);
    rb.order = where === 'top' ? [name, ...rest] : [...rest, name];
    return;
  }
  if (where !== 'before' && where !== 'after') throw new Unread(`move ... "${where ?? ''}": expected top, bottom, before or after`);
  const at = other === undefined ? -1 : rest.indexOf(other);
  if (at < 0 || ws.length > 6) throw new Unread(`move ${where} "${other ?? ''}", a rule no earlier line defines (or the rule itself)`);
  rest.splice(where === 'before' ? at : at + 1, 0, name);
  rb.order = rest;
}

/** Reads a security rulebase command into `rb`; false when the command is not one. */
export function readRulebase(verb: 'set' | 'move', ws: readonly string[], line: ConfigLine, rb: Rulebase): boolean {
  if (ws[0] !== 'rulebase') return false;
  if (ws[1] === 'default-security-rules' && verb === 'set') {
    readDefault(ws, line, rb);
    return true;
  }
  if (ws[1] !== 'security' || ws[2] !== 'rules') throw new Unread(`rulebase ${ws[1] ?? ''}: the reader reads the security rulebase`);
  if (verb === 'move') move(ws, rb);
  else readRule(ws, line, rb);
  return true;
}
