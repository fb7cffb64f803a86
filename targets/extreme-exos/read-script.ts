import { parseAddress, parsePrefix, type Family } from '../../src/net/address.js';
import { numberedLines, type ConfigFile, type ConfigLine, type UnknownLine } from '../reader.js';

export interface Binding {
  policy: string;
  line: ConfigLine;
}

/** A VLAN as the CLI script creates and configures it. */
export interface Vlan {
  name: string;
  tag?: number;
  /** Its own addresses (`ipaddress`, `secondary-ipaddress`) and VRRP virtual addresses, as written. */
  addresses: string[];
  /** The IP versions `enable ipforwarding` routes on it. */
  forwarding: Set<Family>;
  ingress?: Binding;
  egress?: Binding;
}

export interface Script {
  vlans: Map<string, Vlan>;
  unknown: UnknownLine[];
}

/**
 * Reads CLI script lines (`setup.xsf`) into VLANs, their addresses, IP forwarding and ACL bindings, in order: a
 * command naming a VLAN not yet created fails on the switch, and so is reported. Several scripts share one VLAN table.
 * `save configuration` changes nothing the switch does.
 */
export function readScripts(files: readonly ConfigFile[]): Script {
  const vlans = new Map<string, Vlan>();
  const unknown: UnknownLine[] = [];
  for (const file of files) {
    for (const line of numberedLines(file)) {
      const text = line.text.trim();
      if (text === '' || text.startsWith('#')) continue;
      const words = text.match(/"[^"]*"|\S+/g)!.map((w) => w.replace(/^"(.*)"$/, '$1'));
      const reason = command(words, vlans, line);
      if (reason) unknown.push({ ...line, reason });
    }
  }
  return { vlans, unknown };
}

/** One command; returns why it is not understood, or undefined. */
function command(words: string[], vlans: Map<string, Vlan>, line: ConfigLine): string | undefined {
  const w = words.map((x) => x.toLowerCase());
  const verb = w[0] === 'config' ? 'configure' : w[0];
  const vlanNamed = (name: string | undefined) => (name === undefined ? undefined : vlans.get(name));
  const missing = (name: string | undefined) => `VLAN ${name ?? '(no name)'} is not created before this line (create vlan ${name ?? 'NAME'})`;

  if (verb === 'create' && w[1] === 'vlan' && words[2] !== undefined) {
    if (vlans.has(words[2])) return `VLAN ${words[2]} is created twice`;
    const rest = w.slice(3);
    let tag: number | undefined;
    if (rest[0] === 'tag') {
      tag = vlanId(rest[1]);
      if (tag === undefined) return `VLAN tag "${rest[1] ?? ''}" is not 1-4094`;
      rest.splice(0, 2);
    }
    if (rest.length && !(rest.length === 2 && rest[0] === 'vr')) return `unknown options "${rest.join(' ')}" of create vlan`;
    vlans.set(words[2], { name: words[2], tag, addresses: [], forwarding: new Set() });
    return undefined;
  }
  if (verb === 'configure' && w[1] === 'vlan') {
    const vlan = vlanNamed(words[2]);
    if (!vlan) return missing(words[2]);
    return configureVlan(vlan, words.slice(3), w.slice(3));
  }
  // Without a VLAN, ipforwarding applies to every VLAN there is at that point of the script.
  if ((verb === 'enable' || verb === 'disable') && w[1] === 'ipforwarding') {
    const rest = w.slice(2);
    const family: Family = rest[0] === 'ipv6' ? 6 : 4;
    if (rest[0] === 'ipv4' || rest[0] === 'ipv6') rest.shift();
    let targets = [...vlans.values()];
    if (rest[0] === 'vlan' && rest.length === 2) {
      const vlan = vlanNamed(words[words.length - 1]);
      if (!vlan) return missing(words[words.length - 1]);
      targets = [vlan];
    } else if (rest.length) return `unknown form of ${verb} ipforwarding`;
    for (const v of targets) {
      if (verb === 'enable') v.forwarding.add(family);
      else v.forwarding.delete(family);
    }
    return undefined;
  }
  if (verb === 'configure' && w[1] === 'access-list' && w[3] === 'vlan' && words[2] !== undefined) {
    const vlan = vlanNamed(words[4]);
    if (!vlan) return missing(words[4]);
    const direction = w[5] ?? 'ingress';
    if ((direction !== 'ingress' && direction !== 'egress') || w.length > 6) return `unknown form of configure access-list: give NAME vlan VLAN ingress|egress`;
    const bound = vlan[direction];
    if (bound) return `VLAN ${vlan.name} already has ${direction} access-list ${bound.policy} (line ${bound.line.line}); one per VLAN and direction`;
    vlan[direction] = { policy: words[2], line };
    return undefined;
  }
  if (w[1] === 'vrrp' && w[2] === 'vlan' && w[4] === 'vrid' && vrid(w[5])) {
    const vlan = vlanNamed(words[3]);
    if (!vlan) return missing(words[3]);
    const rest = w.slice(6);
    if ((verb === 'create' || verb === 'enable') && rest.length === 0) return undefined;
    if (verb === 'configure' && rest[0] === 'add' && rest.length === 2 && parseAddress(words[7]!)) {
      vlan.addresses.push(words[7]!);
      return undefined;
    }
    if (verb === 'configure' && rest[0] === 'priority' && rest.length === 2 && /^\d+$/.test(rest[1]!) && Number(rest[1]) <= 255) return undefined;
    if (verb === 'configure' && rest.length === 1 && (rest[0] === 'preempt' || rest[0] === 'dont-preempt')) return undefined;
    return `unknown form of ${verb} vrrp`;
  }
  // DHCP relay changes no filter: the relayed broadcast still meets the VLAN's ingress access-list.
  if (verb === 'configure' && w[1] === 'bootprelay' && w[2] === 'add' && parseAddress(words[3] ?? '')?.family === 4) {
    return w.length === 4 || (w.length === 6 && w[4] === 'vr') ? undefined : 'unknown form of configure bootprelay add';
  }
  if (verb === 'enable' && w[1] === 'bootprelay') {
    const rest = w[2] === 'ipv4' ? w.slice(3) : w.slice(2);
    if (rest.length === 0) return undefined;
    if (rest[0] === 'vlan' && rest.length === 2) return vlanNamed(words[words.length - 1]) ? undefined : missing(words[words.length - 1]);
    return 'unknown form of enable bootprelay';
  }
  if (verb === 'save' && (w.length === 1 || (w[1] === 'configuration' && w.length <= 3))) return undefined;
  return 'command not read by the extreme-exos reader';
}

function configureVlan(vlan: Vlan, words: string[], w: string[]): string | undefined {
  if (w[0] === 'tag' && w.length === 2) {
    const tag = vlanId(w[1]);
    if (tag === undefined) return `VLAN tag "${w[1]}" is not 1-4094`;
    vlan.tag = tag;
    return undefined;
  }
  const address = w[0] === 'ipaddress' ? words.slice(1) : w[0] === 'add' && w[1] === 'secondary-ipaddress' ? words.slice(2) : undefined;
  if (address) {
    const text = interfaceAddress(address);
    if (!text) return `address "${address.join(' ')}": give address/length or address mask`;
    vlan.addresses.push(text);
    return undefined;
  }
  if (w[0] === 'add' && w[1] === 'ports' && w.length >= 3 && w.length <= 4 && (w[3] === undefined || w[3] === 'tagged' || w[3] === 'untagged')) return undefined;
  if (w[0] === 'description' && w.length === 2) return undefined;
  return `unknown form of configure vlan ${vlan.name}`;
}

function interfaceAddress(words: string[]): string | undefined {
  if (words.length === 1) return 'error' in parsePrefix(words[0]!) || !words[0]!.includes('/') ? undefined : words[0];
  const mask = words.length === 2 ? parseAddress(words[1]!) : undefined;
  const address = parseAddress(words[0]!);
  if (!mask || !address || mask.family !== 4 || address.family !== 4) return undefined;
  const length = mask.value.toString(2).replace(/0+$/, '');
  return /^1*$/.test(length) ? `${words[0]}/${length.length}` : undefined;
}

function vlanId(text: string | undefined): number | undefined {
  const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  return n !== undefined && n >= 1 && n <= 4094 ? n : undefined;
}

function vrid(text: string | undefined): boolean {
  return text !== undefined && /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= 255;
}
