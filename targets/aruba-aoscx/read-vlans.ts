import type { ConfigLine } from '../reader.js';
import { parseAddressMatch } from './read-ace.js';
import type { Binding, Context, Family, Outcome, PerFamily, Svi, Vlan } from './read-model.js';

/** `[no] apply access-list ip|ipv6 NAME DIRECTION`, the directions the context takes mapped to where they bind. */
export function applyAcl(words: string[], line: ConfigLine, directions: Record<string, PerFamily<Binding>>): Outcome {
  const no = words[0] === 'no';
  const [apply, list, type, name, direction] = no ? words.slice(1) : words;
  if (apply !== 'apply' || list !== 'access-list') return undefined;
  if (type !== 'ip' && type !== 'ipv6') return `apply access-list ${type ?? ''}: only ip and ipv6 lists are read`;
  const target = directions[direction ?? ''];
  if (!name || !target || words.length !== (no ? 6 : 5)) return `the direction must be one of ${Object.keys(directions).join(', ')}`;
  const family = type === 'ip' ? 4 : 6;
  if (no) delete target[family];
  else target[family] = { name, line };
  return true;
}

const FREE_TEXT = new Set(['name', 'description']);

export function vlanContext(vlan: Vlan): Context {
  return {
    handle(words, line) {
      if (FREE_TEXT.has(words[0]!)) {
        if (words[0] === 'name') vlan.name = words.slice(1).join(' ');
        return true;
      }
      if (words[0] === 'vsx-sync' || (words.join(' ') === 'no shutdown' || words.join(' ') === 'shutdown')) return true;
      return applyAcl(words, line, { in: vlan.in, out: vlan.out });
    },
  };
}

const RECOGNISED_SVI = [/^(no )?shutdown$/, /^vrf attach \S+$/, /^ip mtu \d+$/, /^active-gateway (ip|ipv6) mac [0-9a-f:.-]+$/i];

export function sviContext(svi: Svi): Context {
  const ctx: Context = {
    handle(words, line) {
      const text = words.join(' ');
      if (words[0] === 'description' || RECOGNISED_SVI.some((r) => r.test(text))) return true;
      const [a, b, c, d, e] = words;
      if ((a === 'ip' || a === 'ipv6') && b === 'address') return sviAddress(svi, a === 'ip' ? 4 : 6, words.slice(2));
      if (a === 'active-gateway' && (b === 'ip' || b === 'ipv6') && c && words.length === 3) return virtualAddress(svi, b === 'ip' ? 4 : 6, c);
      if (a === 'ip' && b === 'helper-address' && c && (words.length === 3 || (words.length === 5 && d === 'vrf'))) return helper(svi, 4, c);
      if (a === 'ipv6' && b === 'helper-address' && c === 'unicast' && d && (words.length === 4 || (words.length === 6 && e === 'vrf'))) return helper(svi, 6, d);
      if (a === 'vrrp' && b && /^\d+$/.test(b) && c === 'address-family' && (d === 'ipv4' || d === 'ipv6') && words.length === 4) {
        ctx.opened = vrrpContext(svi, d === 'ipv4' ? 4 : 6);
        return true;
      }
      return applyAcl(words, line, { 'routed-in': svi.routedIn, 'routed-out': svi.routedOut });
    },
  };
  return ctx;
}

function sviAddress(svi: Svi, family: Family, rest: string[]): Outcome {
  if (family === 6 && (rest.join(' ') === 'autoconfig' || rest.join(' ') === 'link-local')) {
    svi.addresses[6].push(rest.join(' '));
    return true;
  }
  const [prefix, extra] = family === 6 && rest[0] === 'link-local' ? rest.slice(1) : rest;
  if (!prefix || !/\/\d+$/.test(prefix) || (extra !== undefined && !(family === 4 && extra === 'secondary' && rest.length === 2))) {
    return `interface address: expected ${family === 4 ? 'ip address A.B.C.D/len [secondary]' : 'ipv6 address X::Y/len'}`;
  }
  const match = parseAddressMatch(prefix, family);
  if (typeof match === 'string') return match;
  // Without `secondary` an IPv4 address replaces the primary one.
  if (family === 4 && extra === undefined) svi.addresses[4].splice(0, 1, prefix);
  else svi.addresses[family].push(prefix);
  return true;
}

function virtualAddress(svi: Svi, family: Family, text: string): Outcome {
  const match = parseAddressMatch(text, family);
  if (typeof match === 'string' || text.includes('/')) return `active-gateway: "${text}" is not an IPv${family} address`;
  svi.virtual.push(text);
  return true;
}

function helper(svi: Svi, family: Family, text: string): Outcome {
  const match = parseAddressMatch(text, family);
  if (typeof match === 'string' || text.includes('/')) return `helper-address: "${text}" is not an IPv${family} address`;
  svi.helpers.push(text);
  return true;
}

/** `vrrp N address-family ipv4|ipv6`: virtual addresses and the group's settings, none of which filters. */
function vrrpContext(svi: Svi, family: Family): Context {
  return {
    handle(words) {
      const text = words.join(' ');
      if (/^(no )?(shutdown|preempt)$/.test(text) || /^(priority|version) \d+$/.test(text)) return true;
      if (words[0] === 'address' && words[1] && (words.length === 2 || (words.length === 3 && /^(primary|secondary)$/.test(words[2]!)))) {
        return virtualAddress(svi, family, words[1]);
      }
      return undefined;
    },
  };
}
