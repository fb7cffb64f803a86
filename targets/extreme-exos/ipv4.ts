/** IPv4 prefix arithmetic the VLAN ACLs need: a zone's subnet, and that subnet without its gateway address. */

function toNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function toText(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join('.');
}

/** `10.45.0.1`, 24 → `10.45.0.0/24`. */
export function subnetOf(address: string, length: number): string {
  const size = 2 ** (32 - length);
  return `${toText(Math.floor(toNumber(address) / size) * size)}/${length}`;
}

/** The subnet of `address/length` without `address` itself, as the fewest prefixes, ascending. */
export function subnetWithoutHost(address: string, length: number): string[] {
  const host = toNumber(address);
  const out: [number, number][] = [];
  for (let l = length + 1; l <= 32; l++) {
    const size = 2 ** (32 - l);
    const block = Math.floor(host / size) * size;
    // The half at this level that does not hold the host is wholly in the result.
    out.push([Math.floor(host / size) % 2 === 0 ? block + size : block - size, l]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([n, l]) => `${toText(n)}/${l}`);
}
