import { deviceAddresses } from '../model/devices.js';
import type { Policy } from '../model/policy.js';
import type { AclProgram, Program } from './ir.js';

/**
 * The programs a point's devices load: one per device of a switch pair or group (each with its own address beside
 * every gateway and the gateway as a virtual address, `Redundancy`), else the program itself (one device, or a firewall
 * HA pair, which takes one configuration). `device` names the output folder under the point's.
 */
export function devicePrograms(policy: Policy, program: Program): { device?: string; program: Program }[] {
  const ep = policy.enforcementPoints.get(program.point);
  if (!ep?.devices || program.kind !== 'acl') return [{ program }];
  return ep.devices.map((d, i) => ({ device: d.value, program: deviceProgram(policy, program, d.value, i + 1) }));
}

function deviceProgram(policy: Policy, program: AclProgram, device: string, k: number): AclProgram {
  const interfaces = program.interfaces.map((iface) => {
    const zone = policy.zones.get(iface.zone)!;
    const protocol = zone.infrastructure.fhrp;
    if (protocol === 'none' || iface.gateways.length === 0) return iface;
    const own = deviceAddresses(zone, k).map((a) => ({ family: a.family, address: a.address, length: a.length }));
    const vlan = iface.vlan ?? 1;
    const group = protocol === 'vrrp' ? ((vlan - 1) % 255) + 1 : protocol === 'hsrp' ? vlan % 4096 : 0;
    return { ...iface, gateways: own, redundancy: { protocol, group, virtual: iface.gateways, priority: k === 1 ? 110 : 100, device } };
  });
  return { ...program, device, interfaces };
}
