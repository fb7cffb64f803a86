/** A small policy for the identity checks: a medical ward and an untrusted guest zone on one switch. */
export const NOVLAN = '  novlan: { subnets: [10.40.0.0/24], via: sw1 }\n';
export const base = (groups: string, zones = '', extra = '') => `zones:
  ward: { vlan: 120, subnets: [10.20.0.0/22], via: sw1, labels: [medical] }
  guest: { vlan: 900, subnets: [172.16.0.0/16], via: sw1, labels: [untrusted] }
${zones}groups:
${groups}enforcement:
  sw1: { platform: cisco-ios }
${extra}`;
