import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { wardline } from '../support/cli.js';
import { materialise, parseScenario, printScenario } from './scenario.js';

const dir = fileURLToPath(new URL('./scenarios/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';

// Each scenario runs in its own directory: side by side, the processes overlap their start-up.
describe('CLI scenarios', () => {
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    it.concurrent(name, async ({ expect }) => {
      const path = join(dir, name);
      const scenario = parseScenario(readFileSync(path, 'utf8'));
      const cwd = materialise(scenario);
      try {
        const r = await wardline(scenario.args, { cwd, input: scenario.stdin });
        const actual = { ...scenario, stdout: r.stdout, stderr: r.stderr, exit: r.exitCode };
        if (update) writeFileSync(path, printScenario(actual));
        else expect(printScenario(actual)).toBe(printScenario(scenario));
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    });
  }
});
