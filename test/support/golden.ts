import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/**
 * Compares text with a committed golden file, whole. On a mismatch the actual text is written beside it as
 * `.actual` for a reviewer to diff. `UPDATE_GOLDEN=1` rewrites goldens, except under CI=true.
 */
export function expectGolden(path: string, actual: string): void {
  const update = process.env.UPDATE_GOLDEN === '1' && process.env.CI !== 'true';
  if (update || (!existsSync(path) && process.env.CI !== 'true')) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    rmSync(`${path}.actual`, { force: true });
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (expected !== actual) writeFileSync(`${path}.actual`, actual);
  else rmSync(`${path}.actual`, { force: true });
  expect(expected, `golden file ${path} differs; see ${path}.actual`).toBe(actual);
}
