import { testCheck } from './check-tester.js';
import { base, NOVLAN } from './identity-policy.js';

testCheck('unknown-devices-zone', {
  valid: [
    { name: 'a quarantine zone with a VLAN', policy: base('  pumps: { zone: ward }\n', '  quarantine: { vlan: 999, subnets: [10.99.0.0/24], via: sw1 }\n', 'unknown-devices: { zone: quarantine }\n') },
    { name: 'reject', policy: base('  pumps: { zone: ward }\n', '', 'unknown-devices: { reject: true }\n') },
  ],
  invalid: [
    { name: 'an undefined zone', policy: base('  pumps: { zone: ward }\n', '', 'unknown-devices: { zone: quarantine }\n'), findings: ['WL806 policy.yaml:9:26'] },
    { name: 'a zone without VLAN', policy: base('  pumps: { zone: ward }\n', NOVLAN, 'unknown-devices: { zone: novlan }\n'), findings: ['WL806 policy.yaml:10:26'], onlyThisCode: true },
    { name: 'a zone and reject', policy: base('  pumps: { zone: ward }\n', '', 'unknown-devices: { zone: ward, reject: true }\n'), findings: ['WL806 policy.yaml:9:26'] },
    { name: 'neither', policy: base('  pumps: { zone: ward }\n', '', 'unknown-devices: {}\n'), findings: ['WL806 policy.yaml:9:1'] },
  ],
});
