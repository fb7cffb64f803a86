import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NFDUMP_CSV_HEADER } from '../../src/observe/nfdump-csv.js';
import { fixture, readAll, readLines } from './read.js';

// The fixtures are nfdump 1.7.1's own output (Debian 12): softflowd 1.1.0 read a pcap (-r FILE -c none -A milli) and
// exported it twice to nfcapd, as NetFlow v9 and as IPFIX; then `nfdump -r FILE -o csv`, `-q -o csv`, `-o json`.
// The pcap: a TCP connection 10.20.1.5:51000 → 10.50.10.20:443 at 2025-11-28T09:14:03.120Z (SYN, SYN-ACK, data,
// FIN), a UDP query and answer on port 53, ICMP echo and its reply, ICMP port unreachable, an IPv6 TCP SYN to 8443
// and its SYN-ACK, an ICMPv6 echo request, and IPv6 UDP to 2575. softflowd exports each direction as its own flow.

describe('nfdump -o csv (1.7.1)', () => {
  it('prints the header the reader knows, then flows, then a summary the reader skips', async () => {
    const text = readFileSync(fixture('nfdump-1.7.1.csv'), 'utf8');
    expect(text.split('\n')[0]).toBe(NFDUMP_CSV_HEADER);
    const { records, problems, format } = await readAll(fixture('nfdump-1.7.1.csv'));
    expect(format).toBe('nfdump-csv');
    expect(problems.count).toBe(0);
    expect(records).toHaveLength(22);
  });

  it('reads TCP, UDP, ICMP (type*256+code in dp) and IPv6 flows, to the second', async () => {
    const { records } = await readAll(fixture('nfdump-1.7.1.csv'));
    expect(records.slice(0, 11)).toEqual([
      { src: '10.20.1.6', dst: '10.50.10.53', proto: 17, srcPort: 40000, dstPort: 53, packets: 1, bytes: 58, first: '2025-11-28T09:14:04.000Z', last: '2025-11-28T09:14:04.000Z' },
      { src: '10.50.10.53', dst: '10.20.1.6', proto: 17, srcPort: 53, dstPort: 40000, packets: 1, bytes: 88, first: '2025-11-28T09:14:04.000Z', last: '2025-11-28T09:14:04.000Z' },
      { src: '10.20.1.7', dst: '10.50.10.1', proto: 1, dstPort: 8, icmpCode: 0, packets: 1, bytes: 28, first: '2025-11-28T09:14:05.000Z', last: '2025-11-28T09:14:05.000Z' },
      { src: '10.50.10.1', dst: '10.20.1.7', proto: 1, dstPort: 0, icmpCode: 0, packets: 1, bytes: 28, first: '2025-11-28T09:14:05.000Z', last: '2025-11-28T09:14:05.000Z' },
      { src: '10.20.1.7', dst: '10.50.10.2', proto: 1, dstPort: 3, icmpCode: 3, packets: 1, bytes: 28, first: '2025-11-28T09:14:05.000Z', last: '2025-11-28T09:14:05.000Z' },
      // NetFlow v9 from softflowd carries no ICMPv6 type: nfdump prints 0, which is no ICMPv6 type.
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 58, packets: 1, bytes: 48, first: '2025-11-28T09:14:07.000Z', last: '2025-11-28T09:14:07.000Z' },
      { src: 'fd00:20::5', dst: 'fd00:50::21', proto: 17, srcPort: 5353, dstPort: 2575, packets: 1, bytes: 58, first: '2025-11-28T09:14:07.000Z', last: '2025-11-28T09:14:07.000Z' },
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 3, bytes: 220, first: '2025-11-28T09:14:03.000Z', last: '2025-11-28T09:14:03.000Z' },
      { src: '10.50.10.20', dst: '10.20.1.5', proto: 6, srcPort: 443, dstPort: 51000, packets: 1, bytes: 40, first: '2025-11-28T09:14:03.000Z', last: '2025-11-28T09:14:03.000Z' },
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 6, srcPort: 52000, dstPort: 8443, packets: 1, bytes: 60, first: '2025-11-28T09:14:06.000Z', last: '2025-11-28T09:14:06.000Z' },
      { src: 'fd00:50::20', dst: 'fd00:20::5', proto: 6, srcPort: 8443, dstPort: 52000, packets: 1, bytes: 60, first: '2025-11-28T09:14:06.000Z', last: '2025-11-28T09:14:06.000Z' },
    ]);
    // The IPFIX export does carry it: 32768 = echo request (128) * 256.
    expect(records[16]).toMatchObject({ proto: 58, dstPort: 128, icmpCode: 0 });
  });

  it('reads -q output (no header, no summary) in the default column order', async () => {
    const { records, problems, format } = await readAll(fixture('nfdump-1.7.1-q.csv'));
    expect(format).toBe('nfdump-csv');
    expect(problems.count).toBe(0);
    expect(records).toEqual((await readAll(fixture('nfdump-1.7.1.csv'))).records);
  });

  it('takes columns by the header names, sums both directions, and reads times in the given zone', async () => {
    const { records } = await readLines(
      ['ts,te,td,sa,da,sp,dp,pr,ipkt,ibyt,opkt,obyt', '2025-11-28 10:14:03.120,2025-11-28 10:14:05.500,2.380,10.0.0.1,10.0.0.2,1234,22,TCP,10,1000,8,4000'],
      { utcOffsetMinutes: 60 },
    );
    expect(records).toEqual([
      { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, srcPort: 1234, dstPort: 22, packets: 18, bytes: 5000, first: '2025-11-28T09:14:03.120Z', last: '2025-11-28T09:14:05.500Z' },
    ]);
  });

  it('reports a broken line with its number and goes on; nfdump\'s "No matching flows" is no problem', async () => {
    const { records, problems } = await readLines([
      NFDUMP_CSV_HEADER,
      '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,UDP,........,0,0,1,58,0,0',
      '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.999,10.50.10.53,40000,53,UDP,........,0,0,1,58,0,0',
      '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,FOO,........,0,0,1,58,0,0',
      '2025-13-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,UDP,........,0,0,1,58,0,0',
      '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,UDP,........,0,0,x,58,0,0',
      'No matching flows',
      '2025-11-28 09:14:04,2025-11-28 09:14:04,0.010,10.20.1.6,10.50.10.53,40000,53,17,........,0,0,1,58,0,0',
    ]);
    expect(records.map((r) => r.proto)).toEqual([17, 17]);
    expect(problems.count).toBe(4);
    expect(problems.kept).toEqual([
      { line: 3, reason: 'not an nfdump CSV flow: no source or destination address (columns sa, da)' },
      { line: 4, reason: 'unknown protocol "FOO" (column pr)' },
      { line: 5, reason: 'time "2025-13-28 09:14:04" is not nfdump\'s YYYY-MM-DD hh:mm:ss (columns ts, te)' },
      { line: 6, reason: 'packet or byte count is not a number (columns ipkt, ibyt)' },
    ]);
  });
});

describe('nfdump -o json (1.7.1)', () => {
  it('reads the same flows as the CSV, with milliseconds', async () => {
    const { records, problems, format } = await readAll(fixture('nfdump-1.7.1.json'));
    expect(format).toBe('nfdump-json');
    expect(problems.count).toBe(0);
    const csv = (await readAll(fixture('nfdump-1.7.1.csv'))).records;
    expect(records.map(({ first: _f, last: _l, ...r }) => r)).toEqual(csv.map(({ first: _f, last: _l, ...r }) => r));
    expect(records[7]).toEqual({ src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 3, bytes: 220, first: '2025-11-28T09:14:03.120Z', last: '2025-11-28T09:14:03.620Z' });
    expect(records[2]).toMatchObject({ proto: 1, dstPort: 8, icmpCode: 0, first: '2025-11-28T09:14:05.120Z' });
  });

  it('reads -q output (no brackets, last object without newline) and one object a line', async () => {
    const json = readFileSync(fixture('nfdump-1.7.1.json'), 'utf8');
    const q = json.replace(/^\[\n/, '').replace(/\]\n$/, '').trimEnd();
    expect((await readAll({ text: q })).records).toHaveLength(22);
    const lines = json.replace(/\n\t/g, ' ').replace(/\n\}/g, ' }');
    const read = await readAll({ text: lines });
    expect(read.format).toBe('nfdump-json');
    expect(read.records).toEqual((await readAll(fixture('nfdump-1.7.1.json'))).records);
  });

  it('reports an object that is not JSON, or does not close, by the line that ends it', async () => {
    const { records, problems } = await readLines([
      '[',
      '{',
      '\t"type" : "FLOW",',
      '\t"proto" : 6,',
      '\t"src4_addr" : "10.0.0.1",',
      '\t"dst4_addr" : "10.0.0.2",',
      '\t"in_packets" : 2',
      '},',
      '{',
      '\t"proto" : 6,',
      '\t"src4_addr" : "10.0.0.1" "dst4_addr" : "10.0.0.2"',
      '},',
      '{',
      '\t"proto" : 6,',
      '{',
      '\t"proto" : 17, "src6_addr" : "fd00::1", "dst6_addr" : "fd00:0::2", "in_bytes" : 10',
      '}]',
    ]);
    expect(records).toEqual([
      { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, packets: 2, bytes: 0 },
      { src: 'fd00::1', dst: 'fd00::2', proto: 17, packets: 0, bytes: 10 },
    ]);
    expect(problems.kept.map((p) => p.line)).toEqual([12, 15]);
    expect(problems.kept[0]!.reason).toMatch(/^not JSON: /);
    expect(problems.kept[1]!.reason).toMatch(/does not close/);
  });
});
