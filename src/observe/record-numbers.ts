/** A port as text: a whole number 0-65535, else undefined. */
export function portNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,5}$/.test(text)) return undefined;
  const n = Number(text);
  return n <= 65535 ? n : undefined;
}

/** A packet or byte count as text: a whole number, else undefined. */
export function countNumber(text: string | undefined): number | undefined {
  if (text === undefined || !/^[0-9]{1,20}$/.test(text)) return undefined;
  return Number(text);
}

/** An ICMP type or code: 0-255, decimal or (FortiOS) 0x-hex. */
export function icmpNumber(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^0x[0-9a-f]{1,2}$/i.test(text) ? parseInt(text, 16) : /^[0-9]{1,3}$/.test(text) ? Number(text) : NaN;
  return n <= 255 ? n : undefined;
}
