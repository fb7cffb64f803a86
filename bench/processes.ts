import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execaSync } from 'execa';

/** One whole `wardline` process as a user runs it: wall time, peak memory, exit code. */
export interface ProcessRun {
  seconds: number;
  maxRssMiB: number;
  exitCode: number;
}

/**
 * Runs the CLI in fresh Node processes. A two-line launcher around bin/wardline.js records the process's
 * peak resident memory when it exits (process.resourceUsage), so no external `time` tool is needed.
 */
export function processRunner(bin: string, scratch: string, today: string) {
  const launcher = join(scratch, 'measured-wardline.mjs');
  const rssFile = join(scratch, 'max-rss-kib');
  writeFileSync(
    launcher,
    "import { writeFileSync } from 'node:fs';\n" +
      'process.on(\'exit\', () => writeFileSync(process.env.WARDLINE_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n' +
      `await import(${JSON.stringify(pathToFileURL(bin).href)});\n`,
  );
  const env = { ...process.env, WARDLINE_TODAY: today, WARDLINE_BENCH_RSS: rssFile, NO_COLOR: '1' };

  return {
    run(args: string[]): ProcessRun {
      rmSync(rssFile, { force: true });
      const start = performance.now();
      const child = execaSync(process.execPath, [launcher, ...args], { env, stdin: 'ignore', stdout: 'ignore', maxBuffer: 64 * 2 ** 20, reject: false });
      const seconds = (performance.now() - start) / 1000;
      // The caller judges the exit code; a process that could not start, or whose stderr outgrew the buffer, measured nothing.
      if (child.exitCode === undefined && (child.signal === undefined || child.isMaxBuffer)) throw new Error(String(child.shortMessage));
      const kib = Number(readFileSync(rssFile, 'utf8'));
      return { seconds, maxRssMiB: kib / 1024, exitCode: child.exitCode ?? -1 };
    },
    /** Plain `node bin/wardline.js ARGS` (no launcher), the median of `times` runs: what startup costs. */
    median(args: string[], times: number): number {
      const seconds = Array.from({ length: times }, () => {
        const start = performance.now();
        const child = execaSync(process.execPath, [bin, ...args], { env, stdio: 'ignore', reject: false });
        if (child.exitCode !== 0) throw new Error(`wardline ${args.join(' ')} exited ${child.exitCode ?? child.signal}`);
        return (performance.now() - start) / 1000;
      }).sort((a, b) => a - b);
      return seconds[Math.floor(times / 2)]!;
    },
  };
}
