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

  it('documents every diagnostic code with its name and severity', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect(readme, code).toContain(`| ${code} | ${info.name} | ${info.severity} | ${info.summary} |`);
    }
  });
});
