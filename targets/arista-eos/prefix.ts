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

/** An EOS ACL address: `host A` for one address, `A/len` for a prefix, as EOS itself shows them. */
export function aclAddress(text: string, family: 4 | 6): string {
  const { address, length } = parsePrefix(text, family);
  return length === (family === 4 ? 32 : 128) ? `host ${address}` : `${address}/${length}`;
}
