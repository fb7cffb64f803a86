import { diagnostic, related, type Diagnostic } from '../model/diagnostic.js';
import type { Group } from '../model/policy.js';
import type { Check } from './check.js';

const hasIdentities = (g: Group) => !!g.identities && (g.identities.macs.length + g.identities.ouis.length + g.identities.dot1x.length + g.identities.certificates.length > 0 || !!g.identities.mudUrl);

/** NAC puts a device in its group's zone by the zone's VLAN: without one there is nothing to assign. */
export const identityWithoutVlan: Check = {
  code: 'WL804',
  name: 'identity-without-vlan',
  severity: 'error',
  description: "A group names devices, but its zone has no VLAN for network access control to assign.",
  run: ({ policy }) => {
    const out: Diagnostic[] = [];
    for (const g of policy.groups.values()) {
      const zone = policy.zones.get(g.zone.value);
      if (!hasIdentities(g) || !zone || zone.vlan) continue;
      out.push(
        diagnostic('WL804', 'error', `group "${g.name}" names devices, but its zone "${zone.name}" has no VLAN to put them in`, g.identities!.loc, {
          hint: 'Give the zone a vlan:, or move the identities to a group of a zone that has one.',
          related: [related(`zone "${zone.name}" is defined here`, zone.loc)],
        }),
      );
    }
    return out;
  },
};

/** A device named in a zone labelled untrusted is put there on purpose: a named medical device rarely belongs there. */
export const identityUntrusted: Check = {
  code: 'WL805',
  name: 'identity-untrusted',
  severity: 'warning',
  description: 'A group that names its devices lives in a zone labelled untrusted.',
  run: ({ policy }) => {
    const out: Diagnostic[] = [];
    for (const g of policy.groups.values()) {
      const zone = policy.zones.get(g.zone.value);
      if (!hasIdentities(g) || !zone?.labels.some((l) => l.value === 'untrusted')) continue;
      out.push(
        diagnostic('WL805', 'warning', `group "${g.name}" names its devices, but its zone "${zone.name}" is labelled untrusted: they are put on the untrusted network`, g.identities!.loc, {
          hint: 'Name devices in the zone they belong to; an untrusted zone is for devices no one names (unknown-devices).',
          related: [related(`zone "${zone.name}" is labelled untrusted here`, zone.loc)],
        }),
      );
    }
    return out;
  },
};

/** unknown-devices: a zone with a VLAN, or reject; not both, not neither. */
export const unknownDevicesZone: Check = {
  code: 'WL806',
  name: 'unknown-devices-zone',
  severity: 'error',
  description: 'unknown-devices names no usable zone: none, one that does not exist, one without a VLAN, or a zone and reject at once.',
  run: ({ policy }) => {
    const u = policy.unknownDevices;
    if (!u) return [];
    const say = (message: string, hint: string) => [diagnostic('WL806', 'error', message, u.zone?.loc ?? u.loc, { hint })];
    if (u.zone && u.reject) return say('unknown-devices names a zone and reject: devices are either put somewhere or rejected', 'Keep zone: (a quarantine or registration zone) or reject: true, not both.');
    if (!u.zone) return u.reject ? [] : say('unknown-devices says neither a zone nor reject', 'Name the zone whose VLAN unknown devices go to (zone: quarantine), or reject: true.');
    const zone = policy.zones.get(u.zone.value);
    if (!zone) return say(`unknown-devices names zone "${u.zone.value}", which the policy does not define`, 'Define the quarantine zone, or name an existing one.');
    if (!zone.vlan) return say(`unknown-devices names zone "${zone.name}", which has no VLAN to put devices in`, 'Give the zone a vlan:.');
    return [];
  },
};
