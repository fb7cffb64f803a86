import { describe, expect, it } from 'vitest';
import { readLines } from './read.js';

// Forward traffic logs as FortiOS writes them (FortiOS Log Message Reference, log id 0000000013), to disk and over
// syslog: quoted values with spaces, eventtime in nanoseconds (6.2 on) or seconds, ICMP with identifier= and no ports.
describe('FortiOS traffic log, key=value', () => {
  it('reads sessions: sent and received summed, the end time and its duration, the policy name as marker', async () => {
    const { records, problems, format } = await readLines([
      'date=2026-11-28 time=10:14:08 eventtime=1795857248120456789 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.20.1.5 srcport=51000 srcintf="port2" srcintfrole="lan" dstip=10.50.10.20 dstport=443 dstintf="port3" dstintfrole="lan" srccountry="Reserved" dstcountry="Reserved" sessionid=12345 proto=6 action="close" policyid=3 policytype="policy" poluuid="a0657c26-8965-51ee-7af7-f3570650d4ad" policyname="wlmon-1a2b3c4d monitor pumps" service="HTTPS" trandisp="noop" duration=5 sentbyte=220 rcvdbyte=40 sentpkt=3 rcvdpkt=1 appcat="unscanned"',
      '<189>Nov 28 10:14:09 FGT100F date=2026-11-28 time=10:14:09 tz="+0100" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=10.20.1.7 identifier=18 srcintf="port2" dstip=10.50.10.1 dstintf="port3" sessionid=1338 proto=1 action="accept" policyid=8 policytype="policy" service="PING" trandisp="noop" duration=9 sentbyte=840 rcvdbyte=840 sentpkt=10 rcvdpkt=10 appcat="unscanned"',
      'date=2026-11-28 time=09:14:10 eventtime=1795857250 logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=fd00:20::5 srcport=52000 dstip=fd00:50::20 dstport=8443 proto=6 action="deny" policyid=0 policytype="policy" service="tcp/8443" duration=0 sentbyte=0 rcvdbyte=0',
      'date=2026-11-28 time=09:14:11 logid="0100032001" type="event" subtype="system" level="information" msg="Administrator admin logged in successfully"',
    ]);
    expect(format).toBe('fortios-kv');
    expect(problems.count).toBe(0);
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 260, first: '2026-11-28T09:14:03.120Z', last: '2026-11-28T09:14:08.120Z', action: 'close', monitorMarker: 'wlmon-1a2b3c4d' },
      { src: '10.20.1.7', dst: '10.50.10.1', proto: 1, dstPort: 8, packets: 20, bytes: 1680, first: '2026-11-28T09:14:00.000Z', last: '2026-11-28T09:14:09.000Z', action: 'accept' },
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 6, srcPort: 52000, dstPort: 8443, packets: 0, bytes: 0, first: '2026-11-28T09:14:10.000Z', last: '2026-11-28T09:14:10.000Z', action: 'deny' },
    ]);
  });

  it('takes icmptype/icmpcode when the log has them, and date/time in the given zone without tz', async () => {
    const { records } = await readLines(
      ['date=2026-11-28 time=10:14:08 type="traffic" srcip=10.20.1.7 dstip=10.50.10.2 proto=1 icmptype=0x03 icmpcode=0x03 action="accept" duration=0'],
      { utcOffsetMinutes: 60 },
    );
    expect(records).toEqual([{ src: '10.20.1.7', dst: '10.50.10.2', proto: 1, dstPort: 3, icmpCode: 3, packets: 0, bytes: 0, first: '2026-11-28T09:14:08.000Z', last: '2026-11-28T09:14:08.000Z', action: 'accept' }]);
  });

  it('reports traffic lines without addresses or protocol', async () => {
    const { records, problems } = await readLines([
      'date=2026-11-28 time=09:14:08 type="traffic" srcip=10.20.1.5 dstip=10.50.10.20 proto=6 srcport=1 dstport=22',
      'date=2026-11-28 time=09:14:08 type="traffic" srcip=10.20.1.5 proto=6',
      'date=2026-11-28 time=09:14:08 type="traffic" srcip=10.20.1.5 dstip=10.50.10.20',
    ]);
    expect(records).toHaveLength(1);
    expect(problems.kept).toEqual([
      { line: 2, reason: 'no srcip= or dstip= address' },
      { line: 3, reason: 'no protocol number (proto=)' },
    ]);
  });
});
