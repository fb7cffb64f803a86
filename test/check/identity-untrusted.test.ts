import { testCheck } from './check-tester.js';
import { base } from './identity-policy.js';

testCheck('identity-untrusted', {
  valid: [{ name: 'named devices in a medical zone', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n') }],
  invalid: [{ name: 'named devices on the guest network', policy: base('  tvs: { zone: guest, identities: { ouis: [00:1b:44] } }\n'), findings: ['WL805 policy.yaml:6:23'] }],
});
