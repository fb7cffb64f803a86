import { testCheck } from './check-tester.js';
import { BASE, external, flowTo } from './dns-names-policy.js';

testCheck('fqdn-claimed-twice', {
  valid: [
    { name: 'two externals, two names', policy: BASE + external('vendor', 'fqdn: a.vendor.example') + external('cdn', 'fqdn: b.vendor.example') + flowTo('[vendor, cdn]') },
    { name: 'a name and its subdomain', policy: BASE + external('vendor', 'fqdn: vendor.example') + external('api', 'fqdn: api.vendor.example') + flowTo('[vendor, api]') },
  ],
  invalid: [
    {
      name: 'one name written twice alike',
      policy: BASE + external('vendor', 'fqdn: a.vendor.example') + external('cloud', 'fqdn: a.vendor.example') + flowTo('[vendor, cloud]'),
      findings: ['WL307 policy.yaml:12:18'],
    },
    {
      name: 'one name in other case, with the final dot',
      policy: BASE + external('vendor', 'fqdn: a.vendor.example') + external('cloud', 'fqdn: A.Vendor.Example.') + flowTo('[vendor, cloud]'),
      findings: ['WL307 policy.yaml:12:18'],
    },
  ],
});
