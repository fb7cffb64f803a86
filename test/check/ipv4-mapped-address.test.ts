import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const flow = (from: string, to: string) => `flows:
  - id: f
    from: ${from}
    to: ${to}
    services: [https]
    why: test
    owner: biomed@example.org
`;

testCheck('ipv4-mapped-address', {
  valid: [
    { name: 'IPv4 and ordinary IPv6 addresses', policy: BASE + flow('[10.20.1.7, "fd00:20::100"]', 'pump-server') },
    { name: 'a prefix that holds the mapped range but more', policy: BASE + flow('"::/0"', 'pumps') },
    { name: 'an address next to ::ffff:0:0/96', policy: BASE + flow('"::fffe:a14:107"', 'pumps') },
  ],
  invalid: [
    {
      name: 'a flow endpoint, dotted or in hex',
      policy: BASE + flow('"::ffff:10.20.1.7"', '"::ffff:a32:14"'),
      findings: ['WL408 policy.yaml:32:11', 'WL408 policy.yaml:33:9'],
    },
    {
      name: 'a zone subnet, a gateway and a group address',
      policy: BASE.replace('[10.20.0.0/22, fd00:20::/64]', '[10.20.0.0/22, "::ffff:10.20.0.0/118"]')
        .replace('[10.20.0.1, fd00:20::1]', '[10.20.0.1, "::ffff:10.20.0.1"]')
        .replace('[10.20.1.0/24, fd00:20::100/120]', '[10.20.1.0/24, "::ffff:10.20.1.0/120"]'),
      findings: ['WL408 policy.yaml:6:29', 'WL408 policy.yaml:7:26', 'WL408 policy.yaml:23:31'],
    },
  ],
});

describe('WL408 messages', () => {
  it('say it is matched as IPv6, and give the IPv4 address to write', () => {
    const d = diagnose(BASE + flow('pumps', '"::ffff:10.50.0.20"')).find((x) => x.code === 'WL408');
    expect(d?.severity).toBe('warning');
    expect(d?.message).toBe('::ffff:10.50.0.20 is an IPv4-mapped IPv6 address: it is matched as IPv6, so IPv4 traffic to or from 10.50.0.20 never matches it');
    expect(d?.hint).toMatch(/^Write the IPv4 address 10\.50\.0\.20:/);
  });

  it('give the IPv4 prefix for a mapped prefix', () => {
    const d = diagnose(BASE + flow('pumps', '"::ffff:10.50.0.0/120"')).find((x) => x.code === 'WL408');
    expect(d?.hint).toMatch(/^Write the IPv4 prefix 10\.50\.0\.0\/24:/);
  });
});
