import { describe, expect, it } from 'vitest';
import {
  ICMP,
  ICMPV6,
  SCTP,
  TCP,
  UDP,
  formatProtoPort,
  formatServiceRange,
  isServiceSpecSyntax,
  parseServiceSpec,
} from './service.js';

function errorOf(text: string): string {
  const parsed = parseServiceSpec(text);
  if (!('error' in parsed)) throw new Error(`${text} parsed`);
  return parsed.error;
}

describe('parseServiceSpec', () => {
  it('reads every form of the spec table, with canonical text', () => {
    const cases: [string, number, number, number, string][] = [
      ['tcp/443', TCP, 443, 443, 'tcp/443'],
      ['udp/123', UDP, 123, 123, 'udp/123'],
      ['sctp/3868', SCTP, 3868, 3868, 'sctp/3868'],
      ['udp/5000-5010', UDP, 5000, 5010, 'udp/5000-5010'],
      ['tcp/7-7', TCP, 7, 7, 'tcp/7'],
      ['tcp/any', TCP, 0, 65535, 'tcp/any'],
      ['tcp/65535', TCP, 65535, 65535, 'tcp/65535'],
      ['icmp/echo-request', ICMP, 8 * 256, 8 * 256 + 255, 'icmp/echo-request'],
      ['icmp/8', ICMP, 8 * 256, 8 * 256 + 255, 'icmp/echo-request'],
      ['icmp/3/4', ICMP, 3 * 256 + 4, 3 * 256 + 4, 'icmp/3/4'],
      ['icmp/destination-unreachable/4', ICMP, 3 * 256 + 4, 3 * 256 + 4, 'icmp/3/4'],
      ['icmp/42', ICMP, 42 * 256, 42 * 256 + 255, 'icmp/42'],
      ['icmpv6/echo-request', ICMPV6, 128 * 256, 128 * 256 + 255, 'icmpv6/echo-request'],
      ['icmpv6/135', ICMPV6, 135 * 256, 135 * 256 + 255, 'icmpv6/neighbor-solicitation'],
      ['icmpv6/packet-too-big', ICMPV6, 2 * 256, 2 * 256 + 255, 'icmpv6/packet-too-big'],
      ['icmp/any', ICMP, 0, 65535, 'icmp/any'],
      ['icmpv6/any', ICMPV6, 0, 65535, 'icmpv6/any'],
      ['proto/50', 50, 0, 65535, 'proto/50'],
      ['proto/1', 1, 0, 65535, 'icmp/any'],
      ['proto/254', 254, 0, 65535, 'proto/254'],
      ['proto/6', TCP, 0, 65535, 'tcp/any'],
    ];
    for (const [text, proto, lo, hi, canonical] of cases) {
      expect(parseServiceSpec(text), text).toEqual({ proto, lo, hi, text: canonical });
    }
  });

  it('says what is wrong with a bad spec', () => {
    expect(errorOf('tcp/0')).toBe('port 0 in "tcp/0" is out of range: ports are 1-65535 (tcp/any means every port)');
    expect(errorOf('tcp/70000')).toBe('port 70000 in "tcp/70000" is out of range: ports are 1-65535');
    expect(errorOf('udp/10-5')).toBe('port range 10-5 in "udp/10-5" is backwards: write the low port first (udp/5-10)');
    expect(errorOf('icmp/300')).toBe('ICMP type 300 in "icmp/300" is out of range (0-255)');
    expect(errorOf('icmp/3/256')).toBe('ICMP code 256 in "icmp/3/256" is out of range (0-255)');
    expect(errorOf('foo/1')).toBe('unknown protocol "foo" in "foo/1": use tcp, udp, sctp, icmp, icmpv6 or proto/NUMBER');
    expect(errorOf('proto/256')).toBe('protocol number 256 in "proto/256" is out of range (0-255)');
    expect(errorOf('TCP/443')).toBe('protocol names are lower case: write "tcp/443"');
    expect(errorOf('tcp/https')).toContain('"https" in "tcp/https" is not a port');
    expect(errorOf('tcp/443/1')).toContain('has too many parts');
    expect(errorOf('icmp/any/0')).toContain('gives a code without a type');
    expect(errorOf('icmp/packet-too-big')).toContain('"packet-too-big" is an ICMPv6 type, not an ICMP type');
    expect(errorOf('icmpv6/pong')).toContain('unknown ICMPv6 type "pong"');
    expect(errorOf('proto/any')).toContain('is not a protocol number');
    expect(errorOf('https')).toContain('is not a service spec');
    expect(errorOf('tcp/')).toContain('is not a service spec');
    expect(errorOf('constructor/1')).toContain('unknown protocol "constructor"');
  });
});

describe('isServiceSpecSyntax', () => {
  it('accepts the shape even when the numbers are wrong, so the parser can explain', () => {
    for (const ok of ['tcp/443', 'udp/5000-5010', 'icmp/3/4', 'icmp/echo-request', 'tcp/0', 'tcp/70000', 'foo/1', 'proto/50']) {
      expect(isServiceSpecSyntax(ok), ok).toBe(true);
    }
    for (const bad of ['https', 'tcp/', '/443', 'tcp/443/1/2', 'tcp/ 443', 'tcp/4 43', '']) {
      expect(isServiceSpecSyntax(bad), bad).toBe(false);
    }
  });
});

describe('formatting services', () => {
  it('prints one packet', () => {
    expect(formatProtoPort(TCP, 443)).toBe('tcp/443');
    expect(formatProtoPort(UDP, 53)).toBe('udp/53');
    expect(formatProtoPort(ICMP, 8 * 256)).toBe('icmp/echo-request');
    expect(formatProtoPort(ICMP, 3 * 256 + 4)).toBe('icmp/3/4');
    expect(formatProtoPort(ICMPV6, 200 * 256)).toBe('icmpv6/200/0');
    expect(formatProtoPort(ICMPV6, 135 * 256)).toBe('icmpv6/neighbor-solicitation');
    expect(formatProtoPort(50, 0)).toBe('proto/50');
  });

  it('prints ranges, readable where no spec says them', () => {
    expect(formatServiceRange(TCP, 0, 0)).toBe('tcp/0');
    expect(formatServiceRange(TCP, 1, 1024)).toBe('tcp/1-1024');
    expect(formatServiceRange(ICMP, 3 * 256, 8 * 256 + 255)).toBe('icmp/3-8');
    expect(formatServiceRange(ICMP, 3 * 256, 3 * 256 + 3)).toBe('icmp/3/0-3');
    expect(formatServiceRange(ICMP, 3 * 256 + 5, 8 * 256 + 2)).toBe('icmp/3/5-8/2');
    expect(formatServiceRange(47, 0, 65535)).toBe('proto/47');
  });
});

describe('protocol numbers no filter matches as the simulator means them', () => {
  it('refuses 0 (read as every protocol by iptables, FortiOS and IOS), IPv6 extension headers and 255, saying why', () => {
    expect(parseServiceSpec('proto/0')).toEqual({
      error: 'protocol 0 in "proto/0" is IPv6 hop-by-hop options (HOPOPT), which iptables, FortiOS and IOS read as every protocol, not a protocol a filter matches the same way everywhere: name the protocol it carries (e.g. proto/50, udp/500)',
    });
    for (const n of [43, 44, 59, 60, 135, 139, 140, 255]) expect(parseServiceSpec(`proto/${n}`), `proto/${n}`).toHaveProperty('error');
    for (const n of [1, 2, 47, 50, 51, 89, 112, 132, 254]) expect(parseServiceSpec(`proto/${n}`), `proto/${n}`).not.toHaveProperty('error');
  });
});
