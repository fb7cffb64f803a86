import { execaSync } from 'execa';
import { expect } from 'vitest';

function present(): boolean {
  return execaSync('sh', ['-c', 'test "$(id -u)" = 0 && command -v ip && command -v nft && command -v python3'], { stdio: 'ignore', reject: false }).exitCode === 0;
}

/** Root with ip, nft and python3; under WARDLINE_LAB=required (CI) a missing prerequisite fails instead of skipping. */
export const labAvailable = {
  ok: present(),
  required: process.env.WARDLINE_LAB === 'required',
  why: 'WARDLINE_LAB=required: root, ip, nft and python3 must be present',
};

/** Namespaces a lab run left behind: only its own (`wl-<run id>-…`), as other labs may run on the machine meanwhile. */
export function leftovers(runId: string | undefined): string[] {
  expect(runId, 'the lab names its run').toMatch(/^[0-9a-f]{6}$/);
  return execaSync('ip', ['netns', 'list'])
    .stdout.split('\n')
    .filter((line) => line.startsWith(`wl-${runId}-`));
}

/** The run id a lab prints on stderr ("wardline lab: run ID: ..."). */
export function runIdOf(stderr: string): string | undefined {
  return /wardline lab: run ([0-9a-f]{6}):/.exec(stderr)?.[1];
}
