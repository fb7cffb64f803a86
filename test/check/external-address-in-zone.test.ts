import { testCheck } from './check-tester.js';
import { BASE, external, flowTo } from './dns-names-policy.js';

testCheck('external-address-in-zone', {
  valid: [
    { name: 'a public address', policy: BASE + external('vendor', 'fqdn: a.vendor.example, addresses: [203.0.113.10, "2001:db8::10"]') + flowTo('vendor') },
    { name: 'a dns entry outside every zone', policy: { 'policy.yaml': BASE + external('vendor', 'fqdn: a.vendor.example') + flowTo('vendor'), 'dns.yaml': 'wardline: 1\ndns:\n  a.vendor.example: 198.51.100.0/24\n' } },
  ],
  invalid: [
    {
      name: 'an address of a zone',
      policy: BASE + external('vendor', 'fqdn: a.vendor.example, addresses: [203.0.113.10, 10.20.1.5]') + flowTo('vendor'),
      findings: ['WL413 policy.yaml:11:63'],
    },
    {
      name: 'a dns entry reaching into a zone',
      policy: { 'policy.yaml': BASE + external('vendor', 'fqdn: a.vendor.example') + flowTo('vendor'), 'dns.yaml': 'wardline: 1\ndns:\n  a.vendor.example: 10.50.0.0/16\n' },
      findings: ['WL413 dns.yaml:3:21'],
    },
  ],
});
