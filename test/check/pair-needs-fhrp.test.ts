import { describe, expect, it } from 'vitest';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const pair = (opts: { fhrp?: string; gateway?: string; subnet?: string; devices?: string; platform?: string } = {}) => `zones:
  ward: { vlan: 120, subnets: [${opts.subnet ?? '10.20.0.0/24'}], gateway: ${opts.gateway ?? '10.20.0.1'}, via: sw1${opts.fhrp ? `, infrastructure: { fhrp: ${opts.fhrp} }` : ''} }
enforcement:
  sw1: { platform: ${opts.platform ?? 'arista-eos'}, devices: ${opts.devices ?? '[sw1-a, sw1-b]'} }
`;

testCheck('pair-needs-fhrp', {
  valid: [
    { name: 'a pair whose zone says varp', policy: pair({ fhrp: 'varp' }) },
    { name: 'a single device needs none', policy: 'zones:\n  ward: { vlan: 120, subnets: [10.20.0.0/24], gateway: 10.20.0.1, via: sw1 }\nenforcement:\n  sw1: { platform: arista-eos }\n' },
  ],
  invalid: [{ name: 'a pair whose zone says no fhrp', policy: pair(), findings: ['WL411 policy.yaml:3:3'] }],
});

describe('pairs', () => {
  it('WL412 names the device, the address it would take and why', () => {
    const [d] = diagnose(pair({ fhrp: 'varp', gateway: '10.20.0.254' }));
    expect(d?.message).toBe('device sw1-a of "sw1" would take 10.20.0.255 beside gateway 10.20.0.254 of zone "ward", and it is the broadcast address of 10.20.0.0/24');
  });

  it('WL710 when the zone\'s fhrp is not what the platform\'s pairs render, or the pair has IPv6 the platform keeps no virtual gateway for', () => {
    expect(diagnose(pair({ fhrp: 'hsrp' })).map((d) => `${d.code} ${d.message}`)).toEqual([
      'WL710 zone "ward" keeps its gateway on the pair "sw1" with fhrp: hsrp, which arista-eos pairs do not render',
    ]);
    const v6 = diagnose(pair({ fhrp: 'vrrp', platform: 'juniper-junos', subnet: '10.20.0.0/24, fd00:20::/64', gateway: '[10.20.0.1, fd00:20::1]' }));
    expect(v6.map((d) => d.code)).toEqual(['WL710']);
    expect(v6[0]!.message).toContain('wardline renders no virtual IPv6 gateway for juniper-junos pairs');
  });

  it('a firewall pair takes one configuration: no finding', () => {
    expect(diagnose(pair({ fhrp: 'vrrp', platform: 'paloalto-panos' })).filter((d) => d.code === 'WL710')).toEqual([]);
  });

  it('the schema wants 2 to 8 distinct devices', () => {
    expect(diagnose(pair({ fhrp: 'varp', devices: '[only]' })).map((d) => `${d.code} ${d.message}`)).toEqual(['WL204 "devices" of enforcement point "sw1" lists 1; it takes at least 2']);
    expect(diagnose(pair({ fhrp: 'varp', devices: '[a, a]' })).map((d) => `${d.code} ${d.message}`)).toEqual(['WL204 "devices" of enforcement point "sw1" lists a twice']);
    expect(diagnose(pair({ fhrp: 'varp', devices: '[a, b, c, d, e, f, g, h, i]' })).map((d) => d.code)).toEqual(['WL204']);
  });
});
