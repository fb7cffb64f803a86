import { describe, expect, it } from 'vitest';
import { readLines } from './read.js';

// Written after Zeek's documented conn.log (Zeek is not in Debian 12): the default TSV header and JSON with
// LogAscii::use_json=T. For ICMP, Zeek puts the type in id.orig_p and the code in id.resp_p; proto is "icmp" for
// ICMPv6 too.
const TSV = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2026-11-28-09-14-03',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
  '1764321243.120456\tCmES5u32sYpV7JYN\t10.20.1.5\t51000\t10.50.10.20\t443\ttcp\tssl\t0.500123\t100\t0\tSF\tT\tT\t0\tShADadFf\t3\t220\t1\t40\t(empty)',
  '1764321244.120000\tC4J4Th3PJpwUYZZ6gc\t10.20.1.6\t40000\t10.50.10.53\t53\tudp\tdns\t0.010000\t30\t60\tSF\tT\tT\t0\tDd\t1\t58\t1\t88\t(empty)',
  '1764321245.120000\tCtPZjS20MLrsMUOJi2\t10.20.1.7\t8\t10.50.10.1\t0\ticmp\t-\t0.001000\t0\t0\tOTH\tT\tT\t0\t-\t1\t28\t1\t28\t(empty)',
  '1764321246.120000\tCUM0KZ3MLUfNB0cl11\tfd00:20::5\t52000\tfd00:50::20\t8443\ttcp\t-\t-\t-\t-\tS0\tT\tT\t0\tS\t1\t60\t0\t0\t(empty)',
  '1764321247.120000\tCmES5u32sYpV7JYM\tfd00:20:0::5\t128\tfd00:50::20\t0\ticmp\t-\t-\t-\t-\tOTH\tT\tT\t0\t-\t1\t48\t0\t0\t(empty)',
  '#close\t2026-11-28-10-00-00',
];

describe('Zeek conn.log, TSV', () => {
  it('reads connections by #fields: originator first, both directions counted at IP level, ts + duration', async () => {
    const { records, problems, format } = await readLines(TSV);
    expect(format).toBe('zeek-tsv');
    expect(problems.count).toBe(0);
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 260, first: '2025-11-28T09:14:03.120Z', last: '2025-11-28T09:14:03.620Z', action: 'SF' },
      { src: '10.20.1.6', dst: '10.50.10.53', proto: 17, srcPort: 40000, dstPort: 53, packets: 2, bytes: 146, first: '2025-11-28T09:14:04.120Z', last: '2025-11-28T09:14:04.130Z', action: 'SF' },
      { src: '10.20.1.7', dst: '10.50.10.1', proto: 1, dstPort: 8, icmpCode: 0, packets: 2, bytes: 56, first: '2025-11-28T09:14:05.120Z', last: '2025-11-28T09:14:05.121Z', action: 'OTH' },
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 6, srcPort: 52000, dstPort: 8443, packets: 1, bytes: 60, first: '2025-11-28T09:14:06.120Z', last: '2025-11-28T09:14:06.120Z', action: 'S0' },
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 58, dstPort: 128, icmpCode: 0, packets: 1, bytes: 48, first: '2025-11-28T09:14:07.120Z', last: '2025-11-28T09:14:07.120Z', action: 'OTH' },
    ]);
  });

  it('falls back to payload bytes without the ip_bytes columns; reports bad lines and other logs', async () => {
    const { records, problems } = await readLines([
      '#separator \\x09',
      '#fields\tts\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\torig_bytes\tresp_bytes\torig_pkts\tresp_pkts',
      '1764321243.120456\t10.20.1.5\t51000\t10.50.10.20\t443\ttcp\t100\t5\t3\t1',
      '1764321243.120456\tnot-an-address\t51000\t10.50.10.20\t443\ttcp\t100\t5\t3\t1',
      '1764321243.120456\t10.20.1.5\t0\t10.50.10.20\t0\tunknown_transport\t0\t0\t1\t0',
      '#path\tdns',
      '1764321243.120456\t10.20.1.5\t51000\t10.50.10.20\t53\tudp\t1\t1\t1\t1',
    ]);
    expect(records).toEqual([{ src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 105, first: '2025-11-28T09:14:03.120Z', last: '2025-11-28T09:14:03.120Z' }]);
    expect(problems.kept).toEqual([
      { line: 4, reason: 'no id.orig_h or id.resp_h address' },
      { line: 5, reason: 'a connection of an unknown transport: no protocol' },
      { line: 7, reason: "a line of Zeek's dns.log: observe reads conn.log" },
    ]);
  });
});

describe('Zeek conn.log, JSON', () => {
  it('reads one object a line, ts in epoch seconds or ISO 8601', async () => {
    const { records, problems, format } = await readLines([
      '{"ts":1764321243.120456,"uid":"CmES5u32sYpV7JYN","id.orig_h":"10.20.1.5","id.orig_p":51000,"id.resp_h":"10.50.10.20","id.resp_p":443,"proto":"tcp","service":"ssl","duration":0.500123,"orig_bytes":100,"resp_bytes":0,"conn_state":"SF","local_orig":true,"local_resp":true,"missed_bytes":0,"history":"ShADadFf","orig_pkts":3,"orig_ip_bytes":220,"resp_pkts":1,"resp_ip_bytes":40}',
      '{"ts":"2025-11-28T09:14:05.120000Z","uid":"CtPZjS20MLrsMUOJi2","id.orig_h":"10.20.1.7","id.orig_p":3,"id.resp_h":"10.50.10.2","id.resp_p":3,"proto":"icmp","conn_state":"OTH","orig_pkts":1,"orig_ip_bytes":56,"resp_pkts":0,"resp_ip_bytes":0}',
      '{"ts":1764321243.120456,"id.orig_h":"10.20.1.5"',
    ]);
    expect(format).toBe('zeek-json');
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 260, first: '2025-11-28T09:14:03.120Z', last: '2025-11-28T09:14:03.620Z', action: 'SF' },
      { src: '10.20.1.7', dst: '10.50.10.2', proto: 1, dstPort: 3, icmpCode: 3, packets: 1, bytes: 56, first: '2025-11-28T09:14:05.120Z', last: '2025-11-28T09:14:05.120Z', action: 'OTH' },
    ]);
    expect(problems.kept).toHaveLength(1);
    expect(problems.kept[0]).toMatchObject({ line: 3, reason: expect.stringMatching(/^not JSON: /) });
  });
});
