import { readFileSync } from 'node:fs';

let cached: string | undefined;

/** The package version, read once from package.json beside the build output. */
export function wardlineVersion(): string {
  if (cached === undefined) {
    const url = new URL('../../../package.json', import.meta.url);
    const fallback = new URL('../../package.json', import.meta.url);
    let text: string;
    try {
      text = readFileSync(url, 'utf8');
    } catch {
      text = readFileSync(fallback, 'utf8');
    }
    cached = String((JSON.parse(text) as { version: string }).version);
  }
  return cached;
}
