/*
 * Device identities (issue: NAC): how a switch port's RADIUS request names a device. A MAC address (MAC
 * authentication bypass), a manufacturer's block of them (an OUI, the first 24 bits), an 802.1X identity, a
 * certificate subject, a MUD URL. A group names its devices by them; the most specific claim wins, as for addresses.
 */

/** 48 bits, or undefined: `00:1b:44:11:3a:b7`, `00-1B-44-11-3A-B7`, `001b.4411.3ab7` or `001b44113ab7`. */
export function parseMac(text: string): bigint | undefined {
  const t = text.trim().toLowerCase();
  const groups = /^([0-9a-f]{2})([:-])([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})\2([0-9a-f]{2})$/.exec(t);
  const hex = groups ? groups.filter((_, i) => i > 0 && i !== 2).join('') : /^([0-9a-f]{4})\.([0-9a-f]{4})\.([0-9a-f]{4})$/.test(t) ? t.replaceAll('.', '') : /^[0-9a-f]{12}$/.test(t) ? t : undefined;
  return hex === undefined ? undefined : BigInt(`0x${hex}`);
}

/** The first 24 bits of a MAC address: `00:1b:44`, `00-1B-44` or `001b44`. */
export function parseOui(text: string): bigint | undefined {
  const t = text.trim().toLowerCase();
  const m = /^([0-9a-f]{2})([:-]?)([0-9a-f]{2})\2([0-9a-f]{2})$/.exec(t);
  return m ? BigInt(`0x${m[1]}${m[3]}${m[4]}`) : undefined;
}

/** `00:1b:44:11:3a:b7`: the form every output writes. */
export function formatMac(mac: bigint): string {
  return mac.toString(16).padStart(12, '0').match(/../g)!.join(':');
}

export function formatOui(oui: bigint): string {
  return oui.toString(16).padStart(6, '0').match(/../g)!.join(':');
}

export function ouiOf(mac: bigint): bigint {
  return mac >> 24n;
}

/** A unicast, globally administered MAC is what a device's hardware carries; others are allowed but worth a word. */
export function isMulticastMac(mac: bigint): boolean {
  return ((mac >> 40n) & 1n) === 1n;
}
