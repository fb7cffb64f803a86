import { describe, expect, it } from 'vitest';
import { fixture, readAll, readLines } from './read.js';

// Real kernel log (Debian 12 kernel): nftables `ct state new log prefix "wlmon-1a2b3c4d " accept` in a network
// namespace (net.netfilter.nf_log_all_netns=1), the same connections as the conntrack fixtures, read by `dmesg`
// and `dmesg -T`. iptables `-j LOG` prints through the same nf_log_syslog code.

const fromDmesg = [
  { src: '10.99.0.1', dst: '10.99.0.2', proto: 6, srcPort: 43962, dstPort: 8443, packets: 1, bytes: 60, monitorMarker: 'wlmon-1a2b3c4d' },
  { src: 'fd99::1', dst: 'fd99::2', proto: 6, srcPort: 56712, dstPort: 443, packets: 1, bytes: 80, monitorMarker: 'wlmon-1a2b3c4d' },
  { src: '10.99.0.1', dst: '10.99.0.2', proto: 17, srcPort: 49276, dstPort: 5353, packets: 1, bytes: 38, monitorMarker: 'wlmon-1a2b3c4d' },
  { src: 'fd99::1', dst: 'fd99::2', proto: 17, srcPort: 33324, dstPort: 9999, packets: 1, bytes: 58, monitorMarker: 'wlmon-1a2b3c4d' },
  { src: '10.99.0.1', dst: '10.99.0.2', proto: 1, dstPort: 8, icmpCode: 0, packets: 1, bytes: 84, monitorMarker: 'wlmon-1a2b3c4d' },
  { src: 'fd99::1', dst: 'fd99::2', proto: 58, dstPort: 128, icmpCode: 0, packets: 1, bytes: 48, monitorMarker: 'wlmon-1a2b3c4d' },
];

describe('kernel log of nft log / iptables LOG', () => {
  it('dmesg: one packet a line, LEN bytes, IPv6 addresses shortened, the marker kept; no wall-clock time', async () => {
    const { records, problems, format } = await readAll(fixture('dmesg-nft-log.txt'));
    expect(format).toBe('kernel-log');
    expect(problems.count).toBe(0);
    expect(records).toEqual(fromDmesg);
  });

  it('dmesg -T: the same, at the time it prints', async () => {
    const { records } = await readAll(fixture('dmesg-T-nft-log.txt'));
    const at = ['50', '50', '50', '50', '51', '51'].map((s) => `2026-12-05T18:52:${s}.000Z`);
    expect(records).toEqual(fromDmesg.map((r, i) => ({ ...r, first: at[i], last: at[i] })));
  });

  it('syslog and journal lines; other kernel messages pass silently, a LOG line without SRC= is reported', async () => {
    const { records, problems, format } = await readLines([
      'Nov 28 09:14:02 fw1 kernel: [    0.000000] Linux version 6.1.0-27-amd64',
      'Nov 28 09:14:03 fw1 kernel: [62482.504624] wlmon-0a1b2c3d IN=eth0 OUT=eth1 MAC=2e:7c:3b:b7:3c:b5:a2:74:13:a2:27:92:08:00 SRC=10.20.1.5 DST=10.50.10.20 LEN=60 TOS=0x00 PREC=0x00 TTL=63 ID=852 DF PROTO=TCP SPT=51000 DPT=443 WINDOW=64240 RES=0x00 SYN URGP=0 ',
      '2026-11-28T09:14:03.120000+01:00 fw1 kernel: wlmon-0a1b2c3d IN=eth0 OUT=eth1 SRC=10.20.1.5 DST=10.50.10.53 LEN=71 TOS=0x00 PREC=0x00 TTL=63 ID=1 DF PROTO=UDP SPT=40000 DPT=53 LEN=51 ',
      'Nov 28 09:14:04 fw1 kernel: wlmon-0a1b2c3d IN=br0 OUT= ARP HTYPE=1 PTYPE=0x0800 OPCODE=1',
      'Nov 28 09:14:05 fw1 kernel: DROP IN=eth0 OUT=eth1 SRC=10.20.1.7 DST=10.50.10.2 LEN=56 TOS=0x00 PREC=0xC0 TTL=64 ID=5 PROTO=ICMP TYPE=3 CODE=3 [SRC=10.50.10.2 DST=10.20.1.7 LEN=28 TOS=0x00 PREC=0x00 TTL=64 ID=9 PROTO=UDP SPT=53 DPT=40000 LEN=8 ] ',
      'Nov 28 09:14:06 fw1 kernel: wlmon-0a1b2c3d IN=eth0 OUT=eth1 SRC=10.20.1.7 DST=10.50.10.2 LEN=56 PROTO=47 ',
      'Nov 28 09:14:07 fw1 sshd[812]: Accepted publickey for root',
    ]);
    expect(format).toBe('kernel-log');
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 1, bytes: 60, monitorMarker: 'wlmon-0a1b2c3d' },
      { src: '10.20.1.5', dst: '10.50.10.53', proto: 17, srcPort: 40000, dstPort: 53, packets: 1, bytes: 71, monitorMarker: 'wlmon-0a1b2c3d', first: '2026-11-28T08:14:03.120Z', last: '2026-11-28T08:14:03.120Z' },
      // the ICMP error's quoted packet in [ ] does not stand in for the packet itself
      { src: '10.20.1.7', dst: '10.50.10.2', proto: 1, dstPort: 3, icmpCode: 3, packets: 1, bytes: 56 },
      { src: '10.20.1.7', dst: '10.50.10.2', proto: 47, packets: 1, bytes: 56, monitorMarker: 'wlmon-0a1b2c3d' },
    ]);
    expect(problems.kept).toEqual([{ line: 4, reason: 'a kernel LOG line without SRC= (not an IP packet): no record' }]);
  });
});
