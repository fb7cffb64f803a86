import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, REPO } from '../support/cli.js';

// Colour follows the platform's conventions (src/cli/color.ts): FORCE_COLOR forces it, NO_COLOR turns it off,
// TERM=dumb and a pipe get none. The example hospital has one warning, so `check` prints something to colour.
const ESC = '\u001b[';

async function check(env: Record<string, string | undefined>): Promise<string> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !['FORCE_COLOR', 'NO_COLOR', 'TERM', 'CI'].includes(k)));
  const r = await execa('node', [BIN, 'check', 'policies/example-hospital'], { cwd: REPO, reject: false, extendEnv: false, env: { ...clean, WARDLINE_TODAY: '2026-11-28', ...env } });
  return r.stdout as string;
}

describe('colour', () => {
  it('a pipe gets none', async () => {
    expect(await check({})).not.toContain(ESC);
  });

  it('FORCE_COLOR=1 forces it on a pipe, even beside NO_COLOR', async () => {
    expect(await check({ FORCE_COLOR: '1' })).toContain(ESC);
    expect(await check({ FORCE_COLOR: '1', NO_COLOR: '1' })).toContain(ESC);
  });

  it('FORCE_COLOR=0 turns it off', async () => {
    expect(await check({ FORCE_COLOR: '0' })).not.toContain(ESC);
  });

  it('machine formats never colour', async () => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR'));
    const r = await execa('node', [BIN, 'check', 'policies/example-hospital', '--format', 'json'], { cwd: REPO, reject: false, extendEnv: false, env: { ...clean, FORCE_COLOR: '3', WARDLINE_TODAY: '2026-11-28' } });
    expect(r.stdout as string).not.toContain(ESC);
  });
});
