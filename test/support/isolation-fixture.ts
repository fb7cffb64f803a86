import type { AclLine, AddressObject, PortIsolation, Provenance } from '../../src/compile/ir.js';

/**
 * A zone's port isolation as the compiler builds it (model/isolation.ts), by hand for target tests: per family, the
 * gateway kept both ways, neighbour discovery to link-scope kept (IPv6), then everything between the zone's stations
 * (subnet, link-local, broadcast, multicast) dropped. Objects `iso-*` hold the sets.
 */
export function isolationFixture(name: string, subnet4: string, gateway4: string, subnet6: string, gateway6: string): { isolation: PortIsolation; objects: AddressObject[] } {
  const why = (isolation: 'link' | 'gateway' | 'hosts'): Provenance => ({ kind: 'isolation', id: name, isolation, file: 'zones.yaml', line: 3 });
  const object = (n: string, family: 4 | 6, prefixes: string[]): AddressObject => ({ name: n, family, prefixes, origin: n });
  const objects = [
    object('iso-gw4', 4, [gateway4]),
    object('iso-st4', 4, ['0.0.0.0/32', subnet4, '169.254.0.0/16']),
    object('iso-tg4', 4, [subnet4, '169.254.0.0/16', '224.0.0.0/4', '255.255.255.255/32']),
    object('iso-gw6', 6, [gateway6]),
    object('iso-st6', 6, ['::/128', subnet6, 'fe80::/10']),
    object('iso-ls6', 6, ['fe80::/10', 'ff02::/16']),
    object('iso-tg6', 6, [subnet6, 'fe80::/10', 'ff00::/8']),
  ];
  const line = (action: 'permit' | 'deny', family: 4 | 6, src: string, dst: string, provenance: Provenance, service: AclLine['service'] = { proto: 'any' }): AclLine => ({
    action,
    family,
    src,
    dst,
    service,
    log: false,
    provenance,
  });
  const [link, gateway, hosts] = [why('link'), why('gateway'), why('hosts')];
  return {
    objects,
    isolation: {
      name: `${name}-isolate`,
      families: [
        { family: 4, list: `${name}-isolate-v4`, lines: [line('permit', 4, 'iso-gw4', 'any', gateway), line('permit', 4, 'any', 'iso-gw4', gateway), line('deny', 4, 'iso-st4', 'iso-tg4', hosts)] },
        {
          family: 6,
          list: `${name}-isolate-v6`,
          lines: [
            line('permit', 6, 'iso-st6', 'iso-ls6', link, { proto: 58, icmp: [{ type: 135 }, { type: 136 }] }),
            line('permit', 6, 'iso-gw6', 'any', gateway),
            line('permit', 6, 'any', 'iso-gw6', gateway),
            line('deny', 6, 'iso-st6', 'iso-tg6', hosts),
          ],
        },
      ],
    },
  };
}
