import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/wardline.js', import.meta.url));

export interface CliResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** Runs the built CLI as a user would; never throws on a non-zero exit. */
/** `timeout`: kill the process after so many ms (a test of something that once hung). */
export async function wardline(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string>; timeout?: number } = {}): Promise<CliResult> {
  const r = await execa('node', [BIN, ...args], {
    cwd: opts.cwd ?? REPO,
    input: opts.input ?? '',
    env: { NO_COLOR: '1', WARDLINE_TODAY: '2026-11-28', ...opts.env },
    reject: false,
    stripFinalNewline: false,
    ...(opts.timeout === undefined ? {} : { timeout: opts.timeout }),
  });
  return { stdout: r.stdout as string, stderr: r.stderr as string, exitCode: r.exitCode ?? -1 };
}
