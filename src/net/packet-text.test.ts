import { describe, expect, it } from 'vitest';
import { parsePrefix } from './address.js';
import { addressSetOf } from './address-set.js';
import * as ps from './packet-set.js';
import { describePacketServices, hostExample } from './packet-text.js';
import { parseServiceSpec, type ServiceSpec } from './service.js';
import * as svc from './service-set.js';

const addresses = (...texts: string[]) =>
  addressSetOf(
    texts.map((t) => {
      const parsed = parsePrefix(t);
      if ('error' in parsed) throw new Error(parsed.error);
      return parsed.prefix;
    }),
  );
const services = (...texts: string[]) => svc.serviceSetOf(texts.map((t) => parseServiceSpec(t) as ServiceSpec));
const packets = (src: string[], dst: string[], wanted: svc.ServiceSet) => ps.between(addresses(...src), addresses(...dst), wanted);

describe('describePacketServices', () => {
  it('says "any" for every service of the families concerned, naming a single family', () => {
    expect(describePacketServices(packets(['10.0.0.0/8'], ['10.1.0.0/16'], svc.ALL_SERVICES))).toBe('any IPv4 service');
    expect(describePacketServices(packets(['fd00::/8'], ['fd01::/16'], svc.ALL_SERVICES))).toBe('any IPv6 service');
    expect(describePacketServices(packets(['10.0.0.0/8', 'fd00::/8'], ['10.1.0.0/16', 'fd01::/16'], svc.ALL_SERVICES))).toBe('any');
  });

  it('says "any … except" when the rest is the shorter list', () => {
    const allBut = svc.subtract(svc.ALL_SERVICES, services('tcp/22'));
    expect(describePacketServices(packets(['10.0.0.0/8'], ['10.1.0.0/16'], allBut))).toBe('any IPv4 service except tcp/22');
  });

  it('lists a few services, and counts what a long list leaves out', () => {
    expect(describePacketServices(packets(['10.0.0.0/8'], ['10.1.0.0/16'], services('tcp/443', 'udp/53')))).toBe('tcp/443, udp/53');
    const many = services(...Array.from({ length: 10 }, (_, i) => `udp/${100 + 2 * i}`));
    expect(describePacketServices(packets(['10.0.0.0/8'], ['10.1.0.0/16'], many))).toBe(
      'udp/100, udp/102, udp/104, udp/106, udp/108, udp/110, udp/112, udp/114 and 2 more',
    );
    expect(describePacketServices(ps.EMPTY_PACKETS)).toBe('nothing');
  });
});

describe('hostExample', () => {
  const example = (src: string, dst: string) => ps.formatPacket(hostExample(packets([src], [dst], services('tcp/443')))!);

  it('takes the first host of a prefix, not its network address', () => {
    expect(example('10.20.1.0/24', '10.50.0.0/30')).toBe('10.20.1.1 → 10.50.0.1 tcp/443');
    expect(example('fd00:20::/64', 'fd00:50::100/120')).toBe('fd00:20::1 → fd00:50::101 tcp/443');
  });

  it('takes the address itself for /31, /32, /127 and /128', () => {
    expect(example('10.20.1.6/31', '10.50.0.20/32')).toBe('10.20.1.6 → 10.50.0.20 tcp/443');
    expect(example('fd00::6/127', 'fd00::9/128')).toBe('fd00::6 → fd00::9 tcp/443');
  });

  it('is a member of the set', () => {
    const set = packets(['10.20.1.0/24'], ['10.50.0.0/30'], services('tcp/443'));
    expect(ps.contains(set, hostExample(set)!)).toBe(true);
    expect(hostExample(ps.EMPTY_PACKETS)).toBeUndefined();
  });
});
