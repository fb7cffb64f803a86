import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const relaying = (servers: string) => BASE.replace('    labels: [medical]\n  dc:', `    labels: [medical]\n    infrastructure: { dhcp-relay: ${servers} }\n  dc:`);

testCheck('relay-server-not-host', {
  valid: [
    { name: 'a group of one server', policy: relaying('[pump-server]') },
    { name: 'two addresses', policy: relaying('[10.50.0.53, 10.50.0.54]') },
    { name: 'an IPv6 server beside an IPv4 one', policy: relaying('[10.50.0.53, "fd00:50::53"]') },
  ],
  invalid: [
    { name: 'a whole zone', policy: relaying('[dc]'), findings: ['WL410 policy.yaml:10:5'] },
    { name: 'a prefix', policy: relaying('[10.50.0.0/28]'), findings: ['WL410 policy.yaml:10:5'] },
  ],
});

describe('WL410', () => {
  it('says what it names instead of servers', () => {
    expect(diagnose(relaying('[dc]')).find((d) => d.code === 'WL410')?.message).toBe(
      'the dhcp-relay of zone "ward" needs DHCP server addresses, but it names 10.50.0.0/24, a range of addresses, not servers',
    );
  });
});
