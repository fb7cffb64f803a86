import { testCheck } from './check-tester.js';
import { base } from './identity-policy.js';

testCheck('identity-shadowed', {
  valid: [{ name: 'a MAC in its own group OUI', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7], ouis: [00:1b:44] } }\n') }],
  invalid: [
    {
      name: "a MAC inside another group's OUI",
      policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { ouis: [00:1b:44] } }\n  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n'),
      findings: ['WL803 policy.yaml:7:75'],
    },
  ],
});
