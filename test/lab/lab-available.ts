import { execFileSync } from 'node:child_process';

function present(): boolean {
  try {
    execFileSync('sh', ['-c', 'test "$(id -u)" = 0 && command -v ip && command -v nft && command -v python3'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Root with ip, nft and python3; under WARDLINE_LAB=required (CI) a missing prerequisite fails instead of skipping. */
export const labAvailable = {
  ok: present(),
  required: process.env.WARDLINE_LAB === 'required',
  why: 'WARDLINE_LAB=required: root, ip, nft and python3 must be present',
};
