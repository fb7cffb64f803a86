import type { ZoneInterface } from '../../src/compile/ir.js';

/**
 * Port isolation as an ethernet-switching filter on the zone's VLAN: it discards IP between the zone's hosts,
 * accepts what goes to or from the gateway (the IRB itself), and accepts everything else.
 */
export function renderIsolationFilter(z: ZoneInterface): string[] {
  const iso = z.isolation;
  if (!iso || z.vlan === undefined) return [];
  const base = `set firewall family ethernet-switching filter ${iso.name}`;
  const out = [
    `# filter ${iso.name}: port isolation of zone ${z.zone}, bound to its VLAN. It sees what this switch switches:`,
    '# hosts that meet on a downstream access switch never reach it, so isolate their ports there too.',
    `delete firewall family ethernet-switching filter ${iso.name}`,
  ];
  for (const f of iso.families) {
    const ip = f.family === 4 ? 'ip' : 'ip6';
    if (f.gateways.length > 0) {
      for (const [term, side] of [[`gateway-v${f.family}-from`, 'source'], [`gateway-v${f.family}-to`, 'destination']] as const) {
        for (const g of f.gateways) out.push(`${base} term ${term} from ${ip}-${side}-address ${g}`);
        out.push(`${base} term ${term} then accept`);
      }
    }
    const term = `hosts-v${f.family}`;
    for (const h of f.hosts) out.push(`${base} term ${term} from ${ip}-source-address ${h}`);
    for (const h of f.hosts) out.push(`${base} term ${term} from ${ip}-destination-address ${h}`);
    out.push(`${base} term ${term} then discard`);
  }
  out.push(`${base} term other then accept`);
  return out;
}
