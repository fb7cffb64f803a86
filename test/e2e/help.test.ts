import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

describe('help', () => {
  it('a bare wardline prints the help on stdout and exits 0, commands in the order of the work, with examples', async () => {
    const r = await wardline([]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: wardline /);
    const commands = [...r.stdout.matchAll(/^ {2}([a-z]+) /gm)].map((m) => m[1]).filter((c) => c !== 'wardline');
    expect(commands).toEqual(['check', 'compile', 'query', 'matrix', 'explain', 'report', 'diff', 'verify', 'observe', 'import', 'export', 'resolve', 'lab', 'init', 'schema', 'help']);
    expect(r.stdout).toContain('Examples:\n  wardline check policies/example-hospital\n');
  });

  it('every example in the help runs on the repository', async () => {
    const help = (await wardline([])).stdout;
    for (const line of help.split('\n').filter((l) => l.startsWith('  wardline ') && !l.includes(' diff ') && !l.includes(' -o '))) {
      const r = await wardline(line.trim().split(/\s+/).slice(1));
      // The example records hold connections the policy would deny: observe says so with exit 1.
      expect(r.exitCode, line).toBe(line.includes(' observe ') ? 1 : 0);
    }
  });

  it('shows no default that says nothing ((default: []), (default: false))', async () => {
    for (const command of ['check', 'compile', 'query', 'matrix', 'explain', 'report', 'diff', 'observe', 'lab', 'init', 'resolve']) {
      const r = await wardline([command, '--help']);
      expect(r.stdout, command).not.toMatch(/\(default: (\[\]|false)\)/);
    }
  });
});
