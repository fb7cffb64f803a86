import { testCheck } from './check-tester.js';

const pair = (opts: { fhrp?: string; gateway?: string; subnet?: string; devices?: string; platform?: string } = {}) => `zones:
  ward: { vlan: 120, subnets: [${opts.subnet ?? '10.20.0.0/24'}], gateway: ${opts.gateway ?? '10.20.0.1'}, via: sw1${opts.fhrp ? `, infrastructure: { fhrp: ${opts.fhrp} }` : ''} }
enforcement:
  sw1: { platform: ${opts.platform ?? 'arista-eos'}, devices: ${opts.devices ?? '[sw1-a, sw1-b]'} }
`;

testCheck('device-address-unusable', {
  valid: [
    { name: 'gateway .1, devices .2 and .3', policy: pair({ fhrp: 'varp' }) },
    { name: 'a group of four in a /29', policy: pair({ fhrp: 'varp', subnet: '10.20.0.0/29', devices: '[a, b, c, d]' }) },
  ],
  invalid: [
    { name: 'the gateway at the end of the subnet', policy: pair({ fhrp: 'varp', gateway: '10.20.0.254' }), findings: ['WL412 policy.yaml:3:3', 'WL412 policy.yaml:3:3'] },
    { name: 'six devices after .1 in a /29 (the sixth would be the broadcast)', policy: pair({ fhrp: 'varp', subnet: '10.20.0.0/29', devices: '[a, b, c, d, e, f]' }), findings: ['WL412 policy.yaml:3:3'] },
  ],
});

