import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RoleAcl } from '../../src/compile/ir.js';
import { nacPlan } from '../../src/compile/nac-plan.js';
import { roleNames } from '../../src/compile/role-names.js';
import { SYN, REPLY_SEGMENT_FLAGS } from '../../src/compile/tcp-replies.js';
import { ephemeralPort } from '../../src/compile/validate.js';
import { buildAddressPlan } from '../../src/model/address-plan.js';
import { gatewayTargets, LINK_SCOPE, linkServiceClasses } from '../../src/model/link-infrastructure.js';
import { packetClasses } from '../../src/model/packet-classes.js';
import type { Policy } from '../../src/model/policy.js';
import { addressKey, formatKey, keyFamily, prefixBounds } from '../../src/net/address.js';
import * as iv from '../../src/net/interval-set.js';
import { ICMP, TCP, UDP } from '../../src/net/service.js';
import { simulator } from '../../src/sim/simulator.js';
import { ciscoIosReader } from '../../targets/cisco-ios/read.js';
import { renderAuthorize } from '../../targets/freeradius/render-authorize.js';
import { daclEntries } from '../../targets/cisco-dacl/render-dacl.js';
import { REPO } from '../support/cli.js';
import { load } from '../support/policy.js';

// A role's downloadable ACL held to the simulator the way the switch lists are (test/verify/text-validation.test.ts):
// its entries, as the Cisco IOS reader reads them (an extended list inbound on the device's link), decide every packet
// class a device of the group sends as the simulator does: what it may open, its replies, its link to the gateway.

const SMALL = `zones:
  ward: { vlan: 140, subnets: [10.20.0.0/22], gateway: [10.20.0.1], via: sw1, infrastructure: { dhcp-relay: [10.50.0.5] } }
  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: [10.50.0.1], via: sw1 }
  guest: { vlan: 900, subnets: [172.16.0.0/16], gateway: [172.16.0.1], via: sw1, labels: [untrusted] }
groups:
  pumps: { zone: ward, addresses: [10.20.1.0/24, 10.20.3.128/25], labels: [medical], identities: { ouis: [00:1b:44] } }
  monitors: { zone: ward, addresses: [10.20.2.0/24], identities: { macs: [00:1b:44:02:00:10] } }
  pump-server: { zone: dc, addresses: [10.50.0.20] }
  vendor: { zone: guest, addresses: [172.16.5.0/24] }
flows:
  - { id: pumps-to-server, from: pumps, to: pump-server, services: [https, tcp/8443, udp/514, icmp/echo-request] }
  - { id: monitors-to-server, from: monitors, to: pump-server, services: [tcp/2575] }
  - { id: vendor-ssh, from: vendor, to: pumps, services: [ssh] }
  - { id: server-to-pumps, from: pump-server, to: pumps, services: [udp/161, proto/47] }
  - { id: pumps-anywhere-ntp, from: pumps, to: any, services: [udp/123] }
guardrails:
  - id: no-medical-to-guest
    never: { from: "label:medical", to: "label:untrusted" }
    why: Medical devices never talk to guests
enforcement:
  sw1: { platform: cisco-ios }
  nac: { platform: freeradius, role-attribute: cisco-dacl }
`;

function loaded(files: Record<string, string> | string): Policy {
  const { policy, diagnostics } = load(files);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return policy;
}

/** The example hospital, its NAC point answering with downloadable ACLs. */
function hospital(): Policy {
  const dir = join(REPO, 'policies', 'example-hospital');
  const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  files['enforcement.yaml'] = files['enforcement.yaml']!.replace('role-attribute: extreme', 'role-attribute: cisco-dacl');
  return loaded(files);
}

/** The entries as an extended list bound inbound on a VLAN interface: the device's port, as the reader reads a switch. */
function readAcl(acl: RoleAcl) {
  const { entries, unrendered } = daclEntries(acl);
  expect(unrendered).toEqual([]);
  const text = [`ip access-list extended ${acl.role}`, ...entries.map((e) => ` ${e}`), 'interface Vlan1', ` ip access-group ${acl.role} in`, ''].join('\n');
  const reading = ciscoIosReader.read([{ path: 'dacl.txt', text }]);
  expect(reading.unknown).toEqual([]);
  return reading;
}

const ECHO_REQUEST = 8;

/**
 * Every packet class from the group's addresses (of the roles of `groups`, to keep the suite fast; default all):
 * permitted by its dACL exactly when the simulator allows it.
 */
function prove(policy: Policy, groups?: readonly string[]): number {
  const plan = nacPlan(policy, [...policy.enforcementPoints.values()].find((ep) => ep.platform.value === 'freeradius')!);
  const sim = simulator(policy);
  const addresses = buildAddressPlan(policy);
  const { addresses: classes, services } = packetClasses(policy);
  const v4 = classes.filter((a) => keyFamily(a) === 4 && !iv.contains(LINK_SCOPE[4], a));
  const v4services = services.filter((s) => s.proto !== 58);
  const ephemeral = ephemeralPort(policy);
  const wrong: string[] = [];
  let checked = 0;
  expect(plan.acls.length).toBeGreaterThan(0);
  for (const acl of plan.acls.filter((a) => !groups || groups.includes(a.group))) {
    const reading = readAcl(acl);
    const link = { zone: acl.zone, vlan: 1 };
    const zone = policy.zones.get(acl.zone)!;
    const gateways = new Set(zone.gateways.map((g) => prefixBounds(g.prefix)[0]));
    const own = v4.filter((a) => addresses.identityOf(a).group === acl.group);
    expect(own.length, acl.group).toBeGreaterThan(0);
    const say = (what: string, src: bigint, dst: bigint, proto: number, port: number) => wrong.push(`${acl.role}: ${formatKey(src)} → ${formatKey(dst)} ${proto}/${port}: ${what}`);
    for (const src of own) {
      for (const dst of v4.filter((d) => !gateways.has(d))) {
        for (const { proto, port } of v4services) {
          checked++;
          const expected = sim.decide({ src, dst, proto, port });
          if (expected === 'unrouted') continue;
          const allowed = expected !== 'deny';
          const sent = reading.forward({ src, dst, proto, port, srcPort: ephemeral, tcpFlags: proto === TCP ? SYN : 0 }, link, undefined, 'new').action === 'permit';
          // Stateless: what a return line passes looks like a reply (not a TCP opening, not an echo request), as on the switch lists.
          const replyShaped = proto !== TCP && !(proto === ICMP && port >> 8 === ECHO_REQUEST);
          if (sent !== allowed && !(sent && replyShaped)) say(`simulator ${expected}, dACL ${sent ? 'permit' : 'deny'}`, src, dst, proto, port);
          // Its answers to what others may open towards it.
          if (sim.decide({ src: dst, dst: src, proto, port }) === 'deny') continue;
          const back = { src, dst, proto, port: proto === ICMP ? 0 : ephemeral, srcPort: proto === TCP || proto === UDP ? port : 0, tcpFlags: 0 };
          if (proto === ICMP && port >> 8 !== ECHO_REQUEST) continue;
          for (const tcpFlags of proto === TCP ? REPLY_SEGMENT_FLAGS : [0]) {
            if (reading.forward({ ...back, tcpFlags }, link, undefined, 'established').action !== 'permit') say(`reply (flags ${tcpFlags}) stopped`, src, dst, proto, port);
          }
          // A return line is no opening: a SYN from the service port passes only where the simulator allows that connection.
          if (proto === TCP && sim.decide({ src, dst, proto, port: ephemeral }) === 'deny' && reading.forward({ ...back, tcpFlags: SYN }, link, undefined, 'new').action === 'permit') {
            say('a SYN from the service port passes a return line', src, dst, proto, port);
          }
        }
      }
      // To the switch itself: its gateway addresses and link-scope destinations.
      for (const from of [src, addressKey(4, 0n)]) {
        for (const dst of gatewayTargets(zone, 4)) {
          for (const { proto, port } of [...v4services, ...linkServiceClasses(policy, zone)].filter((s) => s.proto !== 58)) {
            checked++;
            const p = { src: from, dst, proto, port };
            const expected = sim.decideGateway(zone.name, p) === 'allow';
            const got = reading.toDevice(link, { ...p, srcPort: ephemeral, tcpFlags: proto === TCP ? SYN : 0 }).action === 'permit';
            if (got !== expected) say(`to the gateway: simulator ${expected ? 'allow' : 'deny'}, dACL ${got ? 'permit' : 'deny'}`, from, dst, proto, port);
          }
        }
      }
    }
  }
  expect(wrong.slice(0, 20)).toEqual([]);
  return checked;
}

describe('downloadable ACLs (role-attribute: cisco-dacl)', () => {
  it('decide every packet class of a small policy as the simulator does, read by the Cisco IOS reader', () => {
    expect(prove(loaded(SMALL))).toBeGreaterThan(1000);
  });

  it('decide every packet class of the example hospital as the simulator does (pumps, and monitors in an isolated zone)', () => {
    // Pumps by OUI and by MAC, monitors in an isolated zone: the other roles are cut the same way.
    expect(prove(hospital(), ['infusion-pumps-4e', 'icu-monitors'])).toBeGreaterThan(10000);
  });

  it("answer each device with its role's ACL, named by the role table, as Cisco-AVPair ip:inacl entries", () => {
    const policy = loaded(SMALL);
    const plan = nacPlan(policy, policy.enforcementPoints.get('nac')!);
    const roles = roleNames(policy);
    expect(plan.acls.map((a) => [a.group, a.role])).toEqual([
      ['monitors', roles.get('monitors')],
      ['pumps', roles.get('pumps')],
    ]);
    const text = renderAuthorize(plan);
    const pumps = daclEntries(plan.acls.find((a) => a.group === 'pumps')!).entries;
    const answer = text.split('\n\n').find((e) => e.includes('OUI 00:1b:44'))!;
    expect(answer).toContain(`role pumps: its downloadable ACL, ${pumps.length} entries`);
    expect(answer.split('\n').filter((l) => l.includes('Cisco-AVPair'))).toEqual(pumps.map((ace, i) => `\tCisco-AVPair += "ip:inacl#${i + 1}=${ace}"${i < pumps.length - 1 ? ',' : ''}`));
    expect(pumps).toContain('permit tcp 10.20.1.0 0.0.0.255 host 10.50.0.20 eq 443');
    expect(pumps).toContain('permit tcp 10.20.3.128 0.0.0.127 eq 22 172.16.5.0 0.0.0.255 established');
    expect(pumps.at(-1)).toBe('deny ip any any');
    expect(text).not.toContain('Filter-Id');
  });
});
