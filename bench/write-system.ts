import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateSystem, SIZES } from './generate.js';

/** `node dist/bench/write-system.js M DIR [SEED]`: writes a generated health system as policy files. */
const [size = 'S', dir = `generated-${size}`, seed = '1'] = process.argv.slice(2);
if (!(size in SIZES)) {
  process.stderr.write(`size must be one of ${Object.keys(SIZES).join(', ')}\n`);
  process.exitCode = 2;
} else {
  const system = generateSystem(SIZES[size as keyof typeof SIZES], Number(seed));
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of system.files) writeFileSync(join(dir, name), text);
  process.stderr.write(`${dir}: ${JSON.stringify(system.counts)}; deliberate findings ${JSON.stringify(system.deliberate)}\n`);
}
