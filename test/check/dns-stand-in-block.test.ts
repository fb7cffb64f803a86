import { testCheck } from './check-tester.js';
import { BASE, external, flowTo } from './dns-names-policy.js';

const NAMED = BASE + external('vendor', 'fqdn: a.vendor.example');

testCheck('dns-stand-in-block', {
  valid: [
    { name: 'every address, names included', policy: NAMED + flowTo('[vendor, 0.0.0.0/0]')},
    { name: '240.0.0.0/8 without an unresolved name', policy: BASE + external('vendor', 'fqdn: a.vendor.example, addresses: 203.0.113.10') + flowTo('[vendor, 240.0.0.0/8]') },
  ],
  invalid: [
    { name: 'a literal in 240.0.0.0/8', policy: NAMED + flowTo('[vendor, 240.0.0.7]'), findings: ['WL414 policy.yaml:13:47'] },
    { name: 'a literal in 100::/64', policy: NAMED + flowTo('[vendor, "100::7"]'), findings: ['WL414 policy.yaml:13:47'] },
    { name: 'a wide prefix holding the block', policy: NAMED + flowTo('[vendor, "::/1"]'), findings: ['WL414 policy.yaml:13:47'], onlyThisCode: true },
  ],
});
