import type { ConfigLine } from '../reader.js';
import { type Filter, type ListEntry, buildFilter } from './read-filter.js';
import type { FilterFamily } from './read-grammar.js';
import { type ConfigNode, active, activePath, lastValue } from './read-tree.js';
import { addressKeyOf, addressRange } from './read-values.js';

/** A filter bound somewhere, with the line that binds it. */
export interface Binding {
  filter: Filter;
  line: ConfigLine;
}

export interface Vlan {
  name: string;
  id?: number;
  l3Interface?: string;
  input?: Binding;
  output?: Binding;
}

/** A VRRP group's virtual address and whether the device, as master, takes packets sent to it. */
export interface VirtualAddress {
  key: bigint;
  group: string;
  /** accept-data, priority 255, or the unit owning the address: packets to it are taken, not only ARP. */
  acceptsData: boolean;
  line: ConfigLine;
}

export interface Unit {
  /** `irb.150`, `ge-0/0/1.0`. */
  name: string;
  filters: Partial<Record<`${'inet' | 'inet6'} ${'input' | 'output'}`, Binding>>;
  virtual: VirtualAddress[];
}

export interface Device {
  vlans: Vlan[];
  units: Map<string, Unit>;
}

type Unknown = (line: ConfigLine, reason: string) => void;

/** The device's VLANs, interface units and their filters, from the statement tree. */
export function deviceModel(root: ConfigNode, unknown: Unknown): Device {
  const prefixLists = new Map<string, ListEntry[]>();
  for (const [name, list] of active(activePath(root, ['policy-options', 'prefix-list']))) {
    prefixLists.set(name, active(list).flatMap(([p, n]) => {
      const range = addressRange(p);
      return range && n.lines[0] ? [{ range, line: n.lines[0] }] : [];
    }));
  }
  const filters = new Map<string, Filter>();
  for (const [family, fam] of active(activePath(root, ['firewall', 'family']))) {
    for (const [name, node] of active(fam.children.get('filter'))) {
      filters.set(`${family} ${name}`, buildFilter(family as FilterFamily, name, node, { prefixLists, unknown }));
    }
  }
  const bind = (family: FilterFamily, value: [string, ConfigNode] | undefined): Binding | undefined => {
    if (!value) return undefined;
    const [name, node] = value;
    const filter = filters.get(`${family} ${name}`);
    if (!filter) unknown(node.lines[0]!, `filter "${name}" is not defined in firewall family ${family} (Junos refuses the binding at commit)`);
    return filter && { filter, line: node.lines[0]! };
  };
  const vlans = active(activePath(root, ['vlans'])).map(([name, v]): Vlan => {
    const id = lastValue(v.children.get('vlan-id'))?.[0];
    const filter = (dir: string) => bind('ethernet-switching', lastValue(activePath(v, ['forwarding-options', 'filter', dir])));
    return { name, id: id === undefined ? undefined : Number(id), l3Interface: lastValue(v.children.get('l3-interface'))?.[0], input: filter('input'), output: filter('output') };
  });
  const units = new Map<string, Unit>();
  for (const [ifname, i] of active(activePath(root, ['interfaces']))) {
    for (const [n, u] of active(i.children.get('unit'))) {
      const unit: Unit = { name: `${ifname}.${n}`, filters: {}, virtual: [] };
      for (const family of ['inet', 'inet6'] as const) {
        const fam = activePath(u, ['family', family]);
        if (!fam) continue;
        for (const dir of ['input', 'output'] as const) {
          const b = bind(family, lastValue(activePath(fam, ['filter', dir])));
          if (b) unit.filters[`${family} ${dir}`] = b;
        }
        unit.virtual.push(...virtualAddresses(fam));
      }
      units.set(unit.name, unit);
    }
  }
  return { vlans, units };
}

function virtualAddresses(fam: ConfigNode): VirtualAddress[] {
  const addresses = active(fam.children.get('address'));
  const own = new Set(addresses.map(([a]) => addressKeyOf(a.split('/')[0]!)));
  return addresses.flatMap(([, a]) =>
    [...active(a.children.get('vrrp-group')), ...active(a.children.get('vrrp-inet6-group'))].flatMap(([group, g]) => {
      const priority = lastValue(g.children.get('priority'))?.[0];
      const flag = (k: string) => g.children.has(k) && !g.children.get(k)!.inactive;
      const vips = [...active(g.children.get('virtual-address')), ...active(g.children.get('virtual-inet6-address'))];
      return vips.map(([vip, v]): VirtualAddress => {
        const key = addressKeyOf(vip)!;
        return { key, group, acceptsData: !flag('no-accept-data') && (flag('accept-data') || priority === '255' || own.has(key)), line: v.lines[0]! };
      });
    }),
  );
}
