import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CODES } from '../src/model/codes.js';
import { REPO } from './support/cli.js';

const readme = readFileSync(`${REPO}README.md`, 'utf8');

describe('README', () => {
  it('opens with the two set-up commands', () => {
    const firstBlock = readme.slice(readme.indexOf('```'), readme.indexOf('```', readme.indexOf('```') + 3));
    expect(firstBlock).toContain('npm ci && npm start');
    expect(firstBlock).toContain('npm test');
  });

  it('runs wardline from the checkout as it says: npx wardline, the package bin', async () => {
    const { execa } = await import('execa');
    expect(readme.slice(0, readme.indexOf('## A policy'))).toContain('`npx wardline …`');
    // --no-install: the checkout's bin or nothing, never a package of that name from a registry.
    const r = await execa('npx', ['--no-install', 'wardline', '--version'], { cwd: REPO, reject: false });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout).trim()).toBe(JSON.parse(readFileSync(`${REPO}package.json`, 'utf8')).version);
  }, 60_000);

  it('documents every diagnostic code with its name and severity', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect(readme, code).toContain(`| ${code} | ${info.name} | ${info.severity} | ${info.summary} |`);
    }
  });
});
