import { testCheck } from './check-tester.js';
import { BASE, external, flowTo } from './dns-names-policy.js';

const VENDOR = BASE + external('vendor', 'fqdn: a.vendor.example') + flowTo('vendor');

testCheck('unused-dns-entry', {
  valid: [
    { name: 'an entry for the external', policy: { 'policy.yaml': VENDOR, 'dns.yaml': 'wardline: 1\ndns:\n  a.vendor.example: 203.0.113.10\n' } },
    { name: 'an entry in other case with the final dot', policy: { 'policy.yaml': VENDOR, 'dns.yaml': 'wardline: 1\ndns:\n  A.VENDOR.example.: [203.0.113.10, "2001:db8::10"]\n' } },
  ],
  invalid: [
    {
      name: 'a misspelt name',
      policy: { 'policy.yaml': VENDOR, 'dns.yaml': 'wardline: 1\ndns:\n  a.vendor.example: 203.0.113.10\n  a.vendr.example: 203.0.113.11\n' },
      findings: ['WL308 dns.yaml:4:3'],
    },
  ],
});
