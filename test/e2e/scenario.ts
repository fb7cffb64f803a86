import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * A scenario file holds a whole behaviour: the command line, the policy files, the expected stdout, stderr and
 * exit status, as sections that start with `--- `:
 *   --- args            one line: the arguments after `wardline`
 *   --- file NAME       a file written into a fresh directory (the command's working directory)
 *   --- stdin           text piped to the command
 *   --- stdout / stderr the exact expected output
 *   --- exit            the exit status
 */
export interface Scenario {
  args: string[];
  files: Record<string, string>;
  stdin: string;
  stdout: string;
  stderr: string;
  exit: number;
}

export function parseScenario(text: string): Scenario {
  const s: Scenario = { args: [], files: {}, stdin: '', stdout: '', stderr: '', exit: 0 };
  const parts = text.split(/^--- /m).slice(1);
  for (const part of parts) {
    const newline = part.indexOf('\n');
    const head = (newline < 0 ? part : part.slice(0, newline)).trim();
    const body = newline < 0 ? '' : part.slice(newline + 1);
    const [kind, ...rest] = head.split(' ');
    if (kind === 'args') s.args = body.trim().split(/\s+/).filter(Boolean);
    else if (kind === 'file') s.files[rest.join(' ')] = body;
    else if (kind === 'stdin') s.stdin = body;
    else if (kind === 'stdout') s.stdout = body;
    else if (kind === 'stderr') s.stderr = body;
    else if (kind === 'exit') s.exit = Number(body.trim());
    else throw new Error(`unknown scenario section "--- ${head}"`);
  }
  return s;
}

export function printScenario(s: Scenario): string {
  const out = [`--- args\n${s.args.join(' ')}\n`];
  for (const [name, text] of Object.entries(s.files)) out.push(`--- file ${name}\n${text}`);
  if (s.stdin) out.push(`--- stdin\n${s.stdin}`);
  out.push(`--- stdout\n${s.stdout}`, `--- stderr\n${s.stderr}`, `--- exit\n${s.exit}\n`);
  return out.map((x) => (x.endsWith('\n') ? x : `${x}\n`)).join('');
}

export function materialise(s: Scenario): string {
  const dir = mkdtempSync(join(tmpdir(), 'wardline-scenario-'));
  for (const [name, text] of Object.entries(s.files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
