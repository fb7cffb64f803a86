import { describe, expect, it } from 'vitest';
import { BASE, diagnose } from '../support/policy.js';
import { testCheck } from './check-tester.js';

const service = (specs: string) => `${BASE}services:\n  custom: [${specs}]\n`;
const inline = (specs: string) => `${BASE}flows:
  - id: f
    from: pump-server
    to: guest
    services: [${specs}]
`;

testCheck('invalid-service', {
  valid: [
    { name: 'the lowest and highest ports, a full range, every port', policy: service('tcp/1, udp/65535, udp/1-65535, tcp/any, sctp/3868') },
    { name: 'ICMP by name, by type and code, ICMPv6, every ICMP message', policy: service('icmp/echo-request, icmp/3/4, icmpv6/135, icmpv6/packet-too-big, icmp/any, icmpv6/any') },
    { name: 'IP protocols 1 and 254', policy: service('proto/1, proto/254') },
    { name: 'inline specs in a flow', policy: inline('tcp/8443, udp/5000-5010, icmp/8') },
  ],
  invalid: [
    { name: 'port 0', policy: service('tcp/0'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'a port beyond 65535', policy: service('udp/70000'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'a backwards range', policy: service('tcp/8080-8000'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'an unknown ICMP type name', policy: service('icmp/echo'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'an ICMPv6-only type under ICMP', policy: service('icmp/neighbor-solicitation'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'an ICMP code beyond 255', policy: service('icmp/3/300'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'protocol number 256', policy: service('proto/256'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'protocol 0, which several platforms read as every protocol', policy: service('proto/0'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'IPv6 extension headers and the reserved 255', policy: service('proto/44, proto/60, proto/255'), findings: ['WL508 policy.yaml:31:12', 'WL508 policy.yaml:31:22', 'WL508 policy.yaml:31:32'] },
    { name: 'an unknown protocol and upper case', policy: service('gre/1, TCP/443'), findings: ['WL508 policy.yaml:31:12', 'WL508 policy.yaml:31:19'] },
    { name: 'a port with a code part', policy: service('tcp/443/1'), findings: ['WL508 policy.yaml:31:12'] },
    { name: 'inline in a flow, next to a good one', policy: inline('tcp/443, tcp/99999'), findings: ['WL508 policy.yaml:34:25'] },
  ],
});

describe('WL508 messages', () => {
  it('say what is wrong with the spec and how to write it', () => {
    const message = (spec: string) => diagnose(service(spec))[0]?.message;
    expect(message('tcp/0')).toBe('port 0 in "tcp/0" is out of range: ports are 1-65535 (tcp/any means every port)');
    expect(message('tcp/8080-8000')).toBe('port range 8080-8000 in "tcp/8080-8000" is backwards: write the low port first (tcp/8000-8080)');
    expect(message('TCP/443')).toBe('protocol names are lower case: write "tcp/443"');
    expect(message('icmp/echo')).toMatch(/^unknown ICMP type "echo" in "icmp\/echo": use a number 0-255 or one of echo-reply, .*echo-request/);
    const [d] = diagnose(inline('tcp/443, tcp/99999'));
    expect(d?.hint).toContain('Write proto/port (tcp/443)');
    expect(d?.range).toEqual({ start: { line: 33, col: 24 }, end: { line: 33, col: 33 } });
  });
});
