import { createHash } from 'node:crypto';
import type { FirewallRule, PortRange, ServiceMatch } from '../../src/compile/ir.js';
import { OBJECT_NAME_MAX, quoted } from './escape.js';

const TCP = 6;
const UDP = 17;
const ICMP = 1;
const ICMPV6 = 58;

/**
 * How a rule matches one protocol on PAN-OS. Service objects carry TCP and UDP ports only; everything else is a
 * custom application identified by ICMP type or IP protocol, as Palo Alto's own migration tooling spells it.
 */
export type PanMatch =
  | { kind: 'any' }
  | { kind: 'service'; name: string; definition: string }
  | { kind: 'application'; name: string; definition: string[] };

const portText = (r: PortRange) => (r.lo === r.hi ? `${r.lo}` : `${r.lo}-${r.hi}`);

function service(protocol: 'tcp' | 'udp', ports: PortRange[]): PanMatch {
  const list = ports.map(portText);
  let name = `${protocol}-${list.join('_')}`;
  if (name.length > OBJECT_NAME_MAX) name = `${protocol}-ports-${createHash('sha256').update(list.join(',')).digest('hex').slice(0, 12)}`;
  return { kind: 'service', name, definition: `set service ${name} protocol ${protocol} port ${list.join(',')}` };
}

function application(name: string, what: string, ident: string): PanMatch {
  return {
    kind: 'application',
    name,
    definition: [
      `set application ${name} category networking subcategory ip-protocol technology network-protocol risk 1 description ${quoted(`wardline: ${what}`)}`,
      `set application ${name} default ${ident}`,
    ],
  };
}

/** The PAN-OS matches for one IR service match. */
export function panMatches(m: ServiceMatch): PanMatch[] {
  if (m.proto === 'any') return [{ kind: 'any' }];
  const proto = m.proto;
  if (proto === TCP || proto === UDP) return [service(proto === TCP ? 'tcp' : 'udp', m.ports ?? [{ lo: 0, hi: 65535 }])];
  if (m.ports) {
    // Service objects are TCP/UDP only: SCTP ports have no spelling, and matching all of SCTP would widen the rule.
    throw new Error(`paloalto-panos cannot match ports of IP protocol ${proto} (service objects carry TCP and UDP only)`);
  }
  if (m.icmp && (proto === ICMP || proto === ICMPV6)) {
    const v6 = proto === ICMPV6;
    return m.icmp.map(({ type, code }) => {
      const label = `${v6 ? 'icmp6' : 'icmp'}-${type}${code === undefined ? '' : `-${code}`}`;
      const what = `${v6 ? 'ICMPv6' : 'ICMP'} type ${type}${code === undefined ? ', every code' : ` code ${code}`}`;
      const ident = `${v6 ? 'ident-by-icmp6-type' : 'ident-by-icmp-type'} type ${type}${code === undefined ? '' : ` code ${code}`}`;
      return application(`wl-${label}`, what, ident);
    });
  }
  return [application(`wl-proto-${proto}`, `every packet of IP protocol ${proto}`, `ident-by-ip-protocol ${proto}`)];
}

/** Every service and application definition the rules use, each once, sorted by name. */
export function renderServices(rules: FirewallRule[]): string[] {
  const defs = new Map<string, string[]>();
  for (const m of rules.flatMap((r) => r.services.flatMap(panMatches))) {
    if (m.kind === 'service') defs.set(`s ${m.name}`, [m.definition]);
    if (m.kind === 'application') defs.set(`a ${m.name}`, m.definition);
  }
  if (defs.size === 0) return [];
  const keys = [...defs.keys()].sort();
  return keys.flatMap((k) => defs.get(k)!);
}
