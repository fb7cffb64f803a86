import { createHash } from 'node:crypto';
import type { FirewallRule, PortRange, ServiceMatch } from '../../src/compile/ir.js';

const PORTED: Record<number, string> = { 6: 'tcp', 17: 'udp', 132: 'sctp' };
const ICMP = 1;
const ICMPV6 = 58;
const SERVICE_NAME_MAX = 63;

/** A custom service: its name and the `set` lines inside its `edit`. */
export interface CustomService {
  name: string;
  settings: string[];
}

/** The predefined service for every protocol (IP, protocol number 0). */
export const ALL_SERVICES = 'ALL';

const portText = (r: PortRange) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`);

function ported(proto: number, ports: PortRange[]): CustomService {
  const keyword = PORTED[proto]!;
  const list = ports.map(portText);
  let name = `${keyword}-${list.join('_')}`;
  if (name.length > SERVICE_NAME_MAX) name = `${keyword}-ports-${createHash('sha256').update(list.join(' ')).digest('hex').slice(0, 12)}`;
  return { name, settings: ['set protocol TCP/UDP/SCTP', `set ${keyword}-portrange ${list.join(' ')}`] };
}

/** Custom services for one IR match, or none when the predefined ALL says it. One ICMP type per service. */
export function customServices(m: ServiceMatch): CustomService[] | typeof ALL_SERVICES {
  if (m.proto === 'any') return ALL_SERVICES;
  const proto = m.proto;
  if (PORTED[proto]) return [ported(proto, m.ports ?? [{ lo: 0, hi: 65535 }])];
  if (m.ports) throw new Error(`fortinet-fortios: ports on IP protocol ${proto} in the IR`);
  if (proto === ICMP || proto === ICMPV6) {
    const [label, protocol] = proto === ICMP ? ['icmp', 'ICMP'] : ['icmp6', 'ICMP6'];
    if (!m.icmp) return [{ name: `${label}-any`, settings: [`set protocol ${protocol}`] }];
    return m.icmp.map(({ type, code }) => ({
      name: `${label}-${type}${code === undefined ? '' : `-${code}`}`,
      settings: [`set protocol ${protocol}`, `set icmptype ${type}`, ...(code === undefined ? [] : [`set icmpcode ${code}`])],
    }));
  }
  return [{ name: `ip-${proto}`, settings: ['set protocol IP', `set protocol-number ${proto}`] }];
}

/** The service names one rule lists. */
export function serviceNames(rule: FirewallRule): string[] {
  const names = rule.services.flatMap((m) => {
    const s = customServices(m);
    return s === ALL_SERVICES ? [ALL_SERVICES] : s.map((x) => x.name);
  });
  return names.includes(ALL_SERVICES) ? [ALL_SERVICES] : [...new Set(names)];
}

/** Every custom service the rules use, each once, sorted by name. */
export function renderServices(rules: FirewallRule[]): string[] {
  const byName = new Map<string, CustomService>();
  for (const m of rules.flatMap((r) => r.services)) {
    const s = customServices(m);
    if (s !== ALL_SERVICES) for (const x of s) byName.set(x.name, x);
  }
  if (byName.size === 0) return [];
  const lines = ['config firewall service custom'];
  for (const name of [...byName.keys()].sort()) {
    lines.push(`    edit "${name}"`, ...byName.get(name)!.settings.map((s) => `        ${s}`), '    next');
  }
  return [...lines, 'end'];
}
