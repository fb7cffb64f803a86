import { describe, expect, it } from 'vitest';
import { readLines } from './read.js';

// Traffic log lines in the documented field order (PAN-OS 10.1 "Traffic Log Fields"), as syslog forwarding sends
// them (the syslog header before FUTURE_USE) and as a CSV export with a header row.
const TRAFFIC_TCP =
  '<14>Nov 28 09:14:04 PA-3220 1,2025/11/28 09:14:04,013201001234,TRAFFIC,end,2561,2025/11/28 09:14:04,10.20.1.5,10.50.10.20,0.0.0.0,0.0.0.0,wlmon-1a2b3c4d,,,ssl,vsys1,ward-devices,dc-servers,ethernet1/2,ethernet1/3,default,2025/11/28 09:14:04,72568134,1,51000,443,0,0,0x400019,tcp,allow,260,220,40,4,2025/11/28 09:14:03,1,any,,7253419119627122716,0x8000000000000000,10.0.0.0-10.255.255.255,10.0.0.0-10.255.255.255,,3,1,tcp-fin,0,0,0,0,,PA-3220,from-policy,,,0,,0,,N/A,0,0,0,0,90431d13-81da-4129-8bc5-ce968fa06b76,0,0';
const TRAFFIC_PING =
  '1,2025/11/28 09:14:06,013201001234,TRAFFIC,end,2561,2025/11/28 09:14:06,10.20.1.7,10.50.10.1,0.0.0.0,0.0.0.0,"allow ping, monitoring",,,ping,vsys1,ward-devices,dc-servers,ethernet1/2,ethernet1/3,default,2025/11/28 09:14:06,72568135,1,0,0,0,0,0x19,icmp,allow,196,98,98,2,2025/11/28 09:14:05,0,any,,7253419119627122717,0x8000000000000000,10.0.0.0-10.255.255.255,10.0.0.0-10.255.255.255,,1,1,aged-out';
const TRAFFIC_V6_DENY =
  '1,2025/11/28 09:14:08,013201001234,TRAFFIC,deny,2561,2025/11/28 09:14:08,fd00:20::5,fd00:50:0:0::20,::,::,interzone-default,,,not-applicable,vsys1,ward-devices,dc-servers,ethernet1/2,,default,2025/11/28 09:14:08,0,1,52000,8443,0,0,0x0,tcp,deny,74,74,0,1,2025/11/28 09:14:08,0,any,,7253419119627122718,0x0,US,US,,1,0,policy-deny';
const THREAT =
  '1,2025/11/28 09:14:09,013201001234,THREAT,vulnerability,2561,2025/11/28 09:14:09,10.20.1.5,10.50.10.20,0.0.0.0,0.0.0.0,allow-https,,,ssl,vsys1,ward-devices,dc-servers,ethernet1/2,ethernet1/3,default,2025/11/28 09:14:09,72568134,1,51000,443,0,0,0x0,tcp,alert,"",Heartbleed(36397),any,high,client-to-server';

describe('PAN-OS traffic log CSV', () => {
  it('reads syslog lines in the documented order: rule name as marker, ping as echo request, local time', async () => {
    const { records, problems, format } = await readLines([TRAFFIC_TCP, TRAFFIC_PING, TRAFFIC_V6_DENY, THREAT], { utcOffsetMinutes: 60 });
    expect(format).toBe('panos-csv');
    expect(problems.count).toBe(0);
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 260, first: '2025-11-28T08:14:03.000Z', last: '2025-11-28T08:14:04.000Z', action: 'allow', monitorMarker: 'wlmon-1a2b3c4d' },
      { src: '10.20.1.7', dst: '10.50.10.1', proto: 1, dstPort: 8, packets: 2, bytes: 196, first: '2025-11-28T08:14:05.000Z', last: '2025-11-28T08:14:05.000Z', action: 'allow' },
      { src: 'fd00:20::5', dst: 'fd00:50::20', proto: 6, srcPort: 52000, dstPort: 8443, packets: 1, bytes: 74, first: '2025-11-28T08:14:08.000Z', last: '2025-11-28T08:14:08.000Z', action: 'deny' },
    ]);
  });

  it('reads an export by its header row', async () => {
    const { records, format } = await readLines([
      'Domain,Receive Time,Serial #,Type,Threat/Content Type,Config Version,Generate Time,Source address,Destination address,NAT Source IP,NAT Destination IP,Rule,Source User,Destination User,Application,Virtual System,Source Zone,Destination Zone,Inbound Interface,Outbound Interface,Log Action,Time Logged,Session ID,Repeat Count,Source Port,Destination Port,NAT Source Port,NAT Destination Port,Flags,IP Protocol,Action,Bytes,Bytes Sent,Bytes Received,Packets,Start Time,Elapsed Time (sec),Category',
      TRAFFIC_TCP.slice(TRAFFIC_TCP.indexOf('1,2025')),
    ]);
    expect(format).toBe('panos-csv');
    expect(records).toEqual([
      { src: '10.20.1.5', dst: '10.50.10.20', proto: 6, srcPort: 51000, dstPort: 443, packets: 4, bytes: 260, first: '2025-11-28T09:14:03.000Z', last: '2025-11-28T09:14:04.000Z', action: 'allow', monitorMarker: 'wlmon-1a2b3c4d' },
    ]);
  });

  it('reports lines that are not PAN-OS logs or lack an address', async () => {
    const { records, problems } = await readLines([TRAFFIC_TCP, 'hello,world', TRAFFIC_TCP.replace('10.20.1.5', '10.20.1')]);
    expect(records).toHaveLength(1);
    expect(problems.kept).toEqual([
      { line: 2, reason: 'not a PAN-OS log line (FUTURE_USE, receive time YYYY/MM/DD hh:mm:ss, serial, type, …)' },
      { line: 3, reason: 'no source or destination address' },
    ]);
  });
});
