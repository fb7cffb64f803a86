import { addressKey, parseAddress, parsePrefix, prefixBounds, type Family } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import type { ConfigLine, UnknownLine } from '../reader.js';
import type { Block } from './read-syntax.js';
import { badField, one, report, settingsOf, tableOf, type Entry } from './read-table.js';

/** One address of an interface: the address itself and the connected network it puts on the interface. */
export interface OwnAddress {
  key: bigint;
  network: iv.IntervalSet;
  line: ConfigLine;
}

/** A management service the interface answers on its own addresses (allowaccess), as protocol and port or ICMP type. */
export interface Access {
  proto: number;
  port: number;
  line: ConfigLine;
}

export interface Interface {
  name: string;
  line: ConfigLine;
  vlan?: number;
  addresses: Record<Family, OwnAddress[]>;
  access: Record<Family, Access[]>;
  /** `dhcp-relay-service enable` with servers: the lines, per family. */
  relay: Partial<Record<Family, ConfigLine[]>>;
  vrrp: Partial<Record<Family, ConfigLine[]>>;
  /** `switch-controller-access-vlan enable`: every frame between the VLAN's ports goes through the FortiGate. */
  accessVlan?: ConfigLine;
  down?: ConfigLine;
}

export interface Zone {
  name: string;
  line: ConfigLine;
  members: string[];
  intrazone: { allow: boolean; line?: ConfigLine };
}

export interface Global {
  /** allow-traffic-redirect per family (enabled unless the config disables it: the FortiOS 7.0-7.4 default). */
  redirect: Record<Family, { on: boolean; line?: ConfigLine }>;
  ports: Record<'https' | 'http' | 'ssh' | 'telnet', number>;
}

const INTERFACE = new Set([
  ...['vdom', 'interface', 'vlanid', 'ip', 'allowaccess', 'description', 'alias', 'role', 'type', 'status', 'mode'],
  ...['switch-controller-access-vlan', 'dhcp-relay-service', 'dhcp-relay-ip', 'dhcp-relay-type', 'secondary-IP', 'device-identification', 'snmp-index'],
]);
const IPV6 = new Set(['ip6-address', 'ip6-allowaccess', 'ip6-mode', 'dhcp6-relay-service', 'dhcp6-relay-ip', 'dhcp6-relay-type', 'ip6-send-adv']);
const VRRP = new Set(['vrid', 'vrip', 'vrip6', 'priority', 'status', 'vrgrp', 'adv-interval', 'preempt', 'version', 'vrdst']);
const ZONE = new Set(['interface', 'intrazone', 'description']);
const GLOBAL = new Set(['allow-traffic-redirect', 'ipv6-allow-traffic-redirect', 'admin-sport', 'admin-port', 'admin-ssh-port', 'admin-telnet-port', 'hostname', 'alias', 'timezone', 'admintimeout']);

function ownAddress(text: string[], family: Family): OwnAddress | undefined {
  let prefix = text.join('/');
  if (family === 4 && text.length === 2) {
    const mask = parseAddress(text[1]!);
    const len = mask?.family === 4 ? mask.value.toString(2).padStart(32, '0').search(/0/) : -2;
    prefix = `${text[0]}/${len === -1 ? 32 : len}`;
  }
  const p = text.length <= 2 ? parsePrefix(prefix) : undefined;
  const a = parseAddress(prefix.split('/')[0]!);
  if (!p || 'error' in p || !a || p.prefix.family !== family) return undefined;
  return { key: addressKey(family, a.value), network: iv.single(...prefixBounds(p.prefix)), line: { file: '', line: 0, text: '' } };
}

/** allowaccess keywords as the services they open, on the admin ports `config system global` sets. */
function access(entry: Entry, key: string, family: Family, global: Global, unknown: UnknownLine[]): Access[] {
  const field = entry.fields.get(key);
  if (!field) return [];
  const line = field.lines.at(-1)!;
  const out: Access[] = [];
  for (const word of field.values) {
    const tcp = (port: number) => out.push({ proto: 6, port, line });
    if (word === 'ping') out.push({ proto: family === 4 ? 1 : 58, port: (family === 4 ? 8 : 128) << 8, line });
    else if (word === 'https' || word === 'http' || word === 'ssh' || word === 'telnet') tcp(global.ports[word]);
    else if (word === 'fgfm') tcp(541);
    else if (word === 'snmp') out.push({ proto: 17, port: 161, line });
    else unknown.push({ ...line, reason: `allowaccess "${word}" is not evaluated (ping, https, http, ssh, telnet, snmp, fgfm)` });
  }
  return out;
}

function vrrpLines(blocks: Block[], unknown: UnknownLine[]): ConfigLine[] {
  return blocks.flatMap((b) => tableOf([b], b.path, VRRP, unknown)).filter((v) => one(v, 'status') !== 'disable').map((v) => v.line);
}

function relayOf(entry: Entry, service: string, servers: string): ConfigLine[] | undefined {
  const on = one(entry, service) === 'enable' && (entry.fields.get(servers)?.values.length ?? 0) > 0;
  return on ? [...entry.fields.get(service)!.lines, ...entry.fields.get(servers)!.lines] : undefined;
}

function readInterface(entry: Entry, global: Global, unknown: UnknownLine[]): Interface {
  const iface: Interface = { name: entry.name, line: entry.line, addresses: { 4: [], 6: [] }, access: { 4: [], 6: [] }, relay: {}, vrrp: {} };
  const vlan = one(entry, 'vlanid');
  if (vlan !== undefined) {
    if (/^\d{1,4}$/.test(vlan) && Number(vlan) >= 1 && Number(vlan) <= 4094) iface.vlan = Number(vlan);
    else badField(entry, 'vlanid', 'vlanid is not 1-4094', unknown);
  }
  const add = (e: Entry, key: string, family: Family) => {
    const field = e.fields.get(key);
    if (!field) return;
    const own = ownAddress(field.values, family);
    if (own) iface.addresses[family].push({ ...own, line: field.lines.at(-1)! });
    else badField(e, key, `not an IPv${family} interface address`, unknown);
  };
  add(entry, 'ip', 4);
  iface.access[4].push(...access(entry, 'allowaccess', 4, global, unknown));
  if (one(entry, 'switch-controller-access-vlan') === 'enable') iface.accessVlan = entry.fields.get('switch-controller-access-vlan')!.lines[0];
  if (one(entry, 'status') === 'down') iface.down = entry.fields.get('status')!.lines[0];
  iface.relay[4] = relayOf(entry, 'dhcp-relay-service', 'dhcp-relay-ip');
  for (const block of entry.blocks) {
    if (block.path === 'secondaryip') {
      for (const s of tableOf([block], 'secondaryip', new Set(['ip', 'allowaccess']), unknown)) {
        add(s, 'ip', 4);
        iface.access[4].push(...access(s, 'allowaccess', 4, global, unknown));
      }
    } else if (block.path === 'ipv6') {
      const v6 = settingsOf([block], 'ipv6', IPV6, unknown);
      add(v6, 'ip6-address', 6);
      iface.access[6].push(...access(v6, 'ip6-allowaccess', 6, global, unknown));
      iface.relay[6] = relayOf(v6, 'dhcp6-relay-service', 'dhcp6-relay-ip');
      for (const inner of v6.blocks) {
        if (inner.path === 'ip6-extra-addr') {
          for (const x of tableOf([inner], 'ip6-extra-addr', new Set(), unknown)) {
            const own = ownAddress([x.name], 6);
            if (own) iface.addresses[6].push({ ...own, line: x.line });
            else unknown.push({ ...x.line, reason: 'not an IPv6 interface address' });
          }
        } else if (inner.path === 'vrrp6') iface.vrrp[6] = vrrpLines([inner], unknown);
        else report(inner, `config ${inner.path} is not evaluated in config ipv6`, unknown);
      }
    } else if (block.path === 'vrrp') iface.vrrp[4] = vrrpLines([block], unknown);
    else report(block, `config ${block.path} is not evaluated in an interface`, unknown);
  }
  return iface;
}

/** `config system global` (traffic redirect, admin ports), the interfaces and the zones. */
export function readInterfaces(blocks: readonly Block[], unknown: UnknownLine[]) {
  const g = settingsOf(blocks, 'system global', GLOBAL, unknown);
  const port = (key: string, fallback: number) => {
    const v = one(g, key);
    if (v !== undefined && !/^\d{1,5}$/.test(v)) badField(g, key, `${key} is not a port`, unknown);
    return v !== undefined && /^\d{1,5}$/.test(v) ? Number(v) : fallback;
  };
  const redirect = (key: string) => ({ on: one(g, key) !== 'disable', line: g.fields.get(key)?.lines.at(-1) });
  const global: Global = {
    redirect: { 4: redirect('allow-traffic-redirect'), 6: redirect('ipv6-allow-traffic-redirect') },
    ports: { https: port('admin-sport', 443), http: port('admin-port', 80), ssh: port('admin-ssh-port', 22), telnet: port('admin-telnet-port', 23) },
  };
  const interfaces = tableOf(blocks, 'system interface', INTERFACE, unknown).map((e) => readInterface(e, global, unknown));
  const zones: Zone[] = tableOf(blocks, 'system zone', ZONE, unknown).map((e) => {
    const intrazone = one(e, 'intrazone');
    if (intrazone !== undefined && intrazone !== 'allow' && intrazone !== 'deny') badField(e, 'intrazone', 'intrazone is allow or deny', unknown);
    return { name: e.name, line: e.line, members: e.fields.get('interface')?.values ?? [], intrazone: { allow: intrazone === 'allow', line: e.fields.get('intrazone')?.lines.at(-1) } };
  });
  return { global, interfaces, zones };
}
