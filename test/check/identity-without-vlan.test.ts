import { testCheck } from './check-tester.js';
import { base, NOVLAN } from './identity-policy.js';

testCheck('identity-without-vlan', {
  valid: [{ name: 'a zone with a VLAN', policy: base('  pumps: { zone: ward, addresses: [10.20.1.0/24], identities: { macs: [00:1b:44:11:3a:b7] } }\n') }],
  // A switch needs the VLAN too (WL703): only WL804 is compared.
  invalid: [{ name: 'a zone without', policy: base('  scales: { zone: novlan, identities: { macs: [00:1b:44:11:3a:b7] } }\n', NOVLAN), findings: ['WL804 policy.yaml:7:27'], onlyThisCode: true }],
});
