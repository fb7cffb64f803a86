import { describe, expect, it } from 'vitest';
import { formatMac, parseMac, parseOui } from '../../src/model/identity.js';
import { diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';
import { base } from './identity-policy.js';

testCheck('identity-claimed-twice', {
  valid: [{ name: 'one MAC each', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:11:3a:b8] } }\n') }],
  invalid: [
    {
      name: 'one MAC in two groups, in two notations',
      policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [001b.4411.3ab7] } }\n'),
      findings: ['WL802 policy.yaml:7:75'],
    },
    {
      name: 'an OUI and an 802.1X identity twice',
      policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44], dot1x: [pump@x] } }\n  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { ouis: [00-1B-44], dot1x: [pump@x] } }\n'),
      findings: ['WL802 policy.yaml:7:75', 'WL802 policy.yaml:7:94'],
    },
  ],
});

describe('device identities', () => {
  it('reads a MAC in every usual notation as one address, and an OUI as its first three bytes', () => {
    for (const t of ['00:1b:44:11:3a:b7', '00-1B-44-11-3A-B7', '001b.4411.3ab7', '001B44113AB7']) expect(formatMac(parseMac(t)!)).toBe('00:1b:44:11:3a:b7');
    for (const t of ['00:1b:44:11:3a', '00:1b:44:11:3a:b7:00', '00:1b-44:11:3a:b7', 'g0:1b:44:11:3a:b7']) expect(parseMac(t)).toBeUndefined();
    expect(parseOui('00:1B:44')).toBe(0x001b44n);
    expect(parseOui('001b44')).toBe(0x001b44n);
  });

  it('names both groups and the second claim, with the first as related location', () => {
    const [d] = diagnose(base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [001b.4411.3ab7] } }\n'));
    expect(d?.message).toBe('MAC address 00:1b:44:11:3a:b7 is claimed by group "monitors" and by group "pumps"');
    expect(d?.related[0]?.message).toBe('group "pumps" claims it here');
  });
});
