/** An IPv4 or IPv6 prefix from the IR's canonical text (`10.20.1.0/24`, `fd00:20::/64`), checked before use. */
export interface Prefix {
  address: string;
  length: number;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const V6 = /^[0-9a-f:]*:[0-9a-f:.]*$/i;

/** Splits `address/length`; refuses text that is not an address of the family (the IR never produces it). */
export function parsePrefix(text: string, family: 4 | 6): Prefix {
  const [address = '', len = '', ...rest] = text.split('/');
  const length = Number(len);
  const max = family === 4 ? 32 : 128;
  const shaped = family === 4 ? V4.test(address) && address.split('.').every((o) => Number(o) <= 255) : V6.test(address);
  if (rest.length > 0 || !shaped || !/^\d{1,3}$/.test(len) || length > max) {
    throw new Error(`not an IPv${family} prefix: ${JSON.stringify(text)}`);
  }
  return { address, length };
}

/** `255.255.252.0` for a /22: the subnet mask object groups and interface addresses use. */
export function subnetMask(length: number): string {
  const bits = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return [24, 16, 8, 0].map((shift) => (bits >>> shift) & 0xff).join('.');
}
