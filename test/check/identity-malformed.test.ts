import { testCheck } from './check-tester.js';
import { base } from './identity-policy.js';

testCheck('identity-malformed', {
  valid: [{ name: 'MACs in three notations, an OUI', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7, 00-1B-44-11-3A-B8, 001b.4411.3ab9], ouis: [00:1b:45] } }\n') }],
  invalid: [
    { name: 'a MAC with a bad digit', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:zz] } }\n'), findings: ['WL801 policy.yaml:6:72'] },
    { name: 'an OUI of four bytes', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44:11] } }\n'), findings: ['WL801 policy.yaml:6:72'] },
  ],
});
