/** A data centre behind a PAN-OS firewall (FQDN objects) and a ward behind an IOS switch (addresses only). */
export const BASE = `wardline: 1
zones:
  dc: { vlan: 500, subnets: [10.50.0.0/24, "fd00:50::/64"], via: dc-fw }
  ward: { vlan: 140, subnets: [10.20.0.0/22], via: sw1 }
groups:
  pump-server: { zone: dc, addresses: [10.50.0.20, "fd00:50::20"] }
enforcement:
  dc-fw: { platform: paloalto-panos }
  sw1: { platform: cisco-ios }
externals:
`;

export const external = (name: string, body: string) => `  ${name}: { ${body} }\n`;

export const flowTo = (to: string, from = 'pump-server') => `flows:\n  - { id: f1, from: ${from}, to: ${to}, services: [https], why: updates }\n`;
