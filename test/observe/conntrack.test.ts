import { describe, expect, it } from 'vitest';
import { fixture, readAll, readLines } from './read.js';

// Real conntrack-tools 1.4.7 output (Debian 12) in a network namespace with nf_conntrack_acct=1 and
// nf_conntrack_timestamp=1: 10.99.0.1 / fd99::1 opened TCP to 8443 and 443, UDP to 5353 (answered) and 9999 (not),
// and an ICMP and ICMPv6 echo to 10.99.0.2 / fd99::2; `conntrack -E -o timestamp,extended` ran meanwhile, then
// `conntrack -L -o extended`, `conntrack -L`, and `conntrack -F` (the DESTROY events).

describe('conntrack -L', () => {
  const expected = [
    { src: '10.99.0.1', dst: '10.99.0.2', proto: 1, dstPort: 8, icmpCode: 0, packets: 2, bytes: 168 },
    { src: '10.99.0.1', dst: '10.99.0.2', proto: 17, srcPort: 49276, dstPort: 5353, packets: 2, bytes: 86 },
    { src: '10.99.0.1', dst: '10.99.0.2', proto: 6, srcPort: 43962, dstPort: 8443, packets: 10, bytes: 686, action: '[ASSURED]' },
    { src: 'fd99::1', dst: 'fd99::2', proto: 6, srcPort: 56712, dstPort: 443, packets: 10, bytes: 796, action: '[ASSURED]' },
    { src: 'fd99::1', dst: 'fd99::2', proto: 58, dstPort: 128, icmpCode: 0, packets: 2, bytes: 96 },
    { src: 'fd99::1', dst: 'fd99::2', proto: 17, srcPort: 33324, dstPort: 9999, packets: 1, bytes: 58, action: '[UNREPLIED]' },
  ];

  it('-o extended: one record per connection, initiator first, counters of both directions', async () => {
    const { records, problems, format } = await readAll(fixture('conntrack-1.4.7-list.txt'));
    expect(format).toBe('conntrack');
    expect(problems.count).toBe(0);
    expect(records).toEqual(expected);
  });

  it('without -o extended (no family column) the same', async () => {
    const { records, format } = await readAll(fixture('conntrack-1.4.7-list-plain.txt'));
    expect(format).toBe('conntrack');
    expect(records).toEqual(expected);
  });

  it('without counters (nf_conntrack_acct=0): packets and bytes 0', async () => {
    const { records } = await readLines(['tcp      6 431999 ESTABLISHED src=10.0.0.1 dst=10.0.0.2 sport=51000 dport=443 src=10.0.0.2 dst=10.0.0.1 sport=443 dport=51000 [ASSURED] mark=0 use=1']);
    expect(records).toEqual([{ src: '10.0.0.1', dst: '10.0.0.2', proto: 6, srcPort: 51000, dstPort: 443, packets: 0, bytes: 0, action: '[ASSURED]' }]);
  });
});

describe('conntrack -E -o timestamp,extended', () => {
  it('one record per connection: NEW held for its DESTROY (counters, start from delta-time), UPDATE skipped', async () => {
    const { records, problems, format } = await readAll(fixture('conntrack-1.4.7-events.txt'));
    expect(format).toBe('conntrack');
    expect(problems.count).toBe(0);
    expect(records).toEqual([
      { src: '10.99.0.1', dst: '10.99.0.2', proto: 17, srcPort: 49276, dstPort: 5353, packets: 2, bytes: 86, first: '2026-12-05T18:52:51.157Z', last: '2026-12-05T18:52:52.982Z' },
      { src: 'fd99::1', dst: 'fd99::2', proto: 58, dstPort: 128, icmpCode: 0, packets: 2, bytes: 96, first: '2026-12-05T18:52:51.737Z', last: '2026-12-05T18:52:52.982Z' },
      { src: 'fd99::1', dst: 'fd99::2', proto: 17, srcPort: 33324, dstPort: 9999, packets: 1, bytes: 58, action: '[UNREPLIED]', first: '2026-12-05T18:52:51.157Z', last: '2026-12-05T18:52:52.982Z' },
      { src: 'fd99::1', dst: 'fd99::2', proto: 6, srcPort: 56712, dstPort: 443, packets: 10, bytes: 796, action: '[ASSURED]', first: '2026-12-05T18:52:51.150Z', last: '2026-12-05T18:52:52.982Z' },
      { src: '10.99.0.1', dst: '10.99.0.2', proto: 6, srcPort: 43962, dstPort: 8443, packets: 10, bytes: 686, action: '[ASSURED]', first: '2026-12-05T18:52:51.149Z', last: '2026-12-05T18:52:52.982Z' },
      { src: '10.99.0.1', dst: '10.99.0.2', proto: 1, dstPort: 8, icmpCode: 0, packets: 2, bytes: 168, first: '2026-12-05T18:52:51.677Z', last: '2026-12-05T18:52:52.983Z' },
    ]);
  });

  it('a connection still open when the events end is handed on at the end, as NEW saw it', async () => {
    const { records } = await readLines([
      '[1796496771.149500]\t    [NEW] ipv4     2 tcp      6 120 SYN_SENT src=10.99.0.1 dst=10.99.0.2 sport=43962 dport=8443 [UNREPLIED] src=10.99.0.2 dst=10.99.0.1 sport=8443 dport=43962',
      '[1796496772.982214]\t[DESTROY] ipv4     2 udp      17 src=10.99.0.1 dst=10.99.0.2 sport=49276 dport=5353 packets=1 bytes=38 src=10.99.0.2 dst=10.99.0.1 sport=5353 dport=49276 packets=1 bytes=48 delta-time=30',
    ]);
    expect(records).toEqual([
      // a DESTROY without its NEW (it began before the capture): delta-time says when it began
      { src: '10.99.0.1', dst: '10.99.0.2', proto: 17, srcPort: 49276, dstPort: 5353, packets: 2, bytes: 86, first: '2026-12-05T18:52:22.982Z', last: '2026-12-05T18:52:52.982Z' },
      { src: '10.99.0.1', dst: '10.99.0.2', proto: 6, srcPort: 43962, dstPort: 8443, packets: 0, bytes: 0, action: '[UNREPLIED]', first: '2026-12-05T18:52:51.149Z', last: '2026-12-05T18:52:51.149Z' },
    ]);
  });

  it('reports lines that are not conntrack output, and skips its own summary line', async () => {
    const { records, problems } = await readLines([
      'ipv4     2 tcp      6 118 TIME_WAIT src=10.99.0.1 dst=10.99.0.2 sport=43962 dport=8443 src=10.99.0.2 dst=10.99.0.1 sport=8443 dport=43962 [ASSURED] mark=0 use=1',
      'ipv4     2 tcp      6 118 TIME_WAIT dst=10.99.0.2 sport=43962 dport=8443',
      'something else entirely',
      'ipv4     2 tcp      300 118 TIME_WAIT src=10.99.0.1 dst=10.99.0.2',
      'conntrack v1.4.7 (conntrack-tools): 1 flow entries have been shown.',
    ]);
    expect(records).toHaveLength(1);
    expect(problems.kept).toEqual([
      { line: 2, reason: 'no src= and dst= addresses in the first tuple' },
      { line: 3, reason: 'not a conntrack line (protocol name and number, then src= dst= …)' },
      { line: 4, reason: 'protocol number 300 (tcp) is out of range' },
    ]);
  });
});
