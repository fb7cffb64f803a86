import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../src/compile/compile.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { monitorMarker } from '../../src/model/monitor-marker.js';
import { targets } from '../../targets/registry.js';
import { TODAY } from '../support/policy.js';

/** One monitored zone per platform: the ward (monitored) and the DC behind each of the nine platforms. */
function rendered(platform: string): string {
  const text = `wardline: 1
zones:
  ward: { vlan: 10, subnets: [10.1.0.0/24], gateway: 10.1.0.1, via: p, labels: [medical], mode: monitor, interface: eth1 }
  dc: { vlan: 20, subnets: [10.2.0.0/24], gateway: 10.2.0.1, via: p, interface: eth2 }
groups:
  pumps: { zone: ward, addresses: [10.1.0.128/25], labels: [medical] }
  pump-server: { zone: dc, addresses: [10.2.0.20] }
flows:
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https] }
enforcement:
  p: { platform: ${platform} }
`;
  const loaded = loadPolicy([{ path: 'p.yaml', text }], { today: TODAY });
  expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [program] = compilePolicy(loaded.policy);
  return targets[platform]!.render(program!).map((f) => f.content).join('\n');
}

const MARKER = monitorMarker({ kind: 'default', zone: 'ward' });

describe('monitor mode as each platform writes it', () => {
  it.each(Object.keys(targets))('%s carries the marker and permits with logging where the default would deny', (platform) => {
    const text = rendered(platform);
    expect(text).toContain(MARKER);
  });

  it('spells the logged pass the way each platform logs', () => {
    expect(rendered('linux-nftables')).toMatch(new RegExp(`counter log prefix "${MARKER} [^"]*" accept`));
    expect(rendered('linux-iptables')).toMatch(new RegExp(`-j LOG --log-prefix "${MARKER} [^"]*"\\n[^\\n]*-j ACCEPT`));
    const panos = rendered('paloalto-panos');
    expect(panos).toMatch(new RegExp(`set rulebase security rules ${MARKER}-\\S+ .* action allow log-start no log-end yes tag \\[ wardline wardline-monitor \\]`));
    expect(panos).toContain('set tag wardline-monitor comments');
    const fortios = rendered('fortinet-fortios');
    expect(fortios).toMatch(new RegExp(`set name "${MARKER}-[^"]*"[\\s\\S]*?set action accept[\\s\\S]*?set logtraffic all`));
    expect(rendered('juniper-junos')).toMatch(new RegExp(`term t\\d+-${MARKER}-ward then syslog\\n[^\\n]* term t\\d+-${MARKER}-ward then accept`));
    expect(rendered('cisco-ios')).toMatch(new RegExp(`remark ${MARKER}: zone ward in monitor mode[^\\n]*\\n(?: remark [^\\n]*\\n)* permit ip [^\\n]* log`));
    expect(rendered('arista-eos')).toMatch(/permit ip [^\n]* log/);
    expect(rendered('extreme-exos')).toMatch(new RegExp(`# ${MARKER}: zone ward[^\\n]*\\nentry \\S+ \\{[\\s\\S]*?permit;[\\s\\S]*?log;`));
  });
});
