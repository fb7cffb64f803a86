import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checks } from '../../src/check/registry.js';
import { CODES } from '../../src/model/codes.js';

describe('the check registry', () => {
  const registered = Object.entries(checks);

  it.each(registered)('%s has valid/invalid tests in test/check/', (name) => {
    expect(existsSync(new URL(`./${name}.test.ts`, import.meta.url))).toBe(true);
  });

  it.each(registered)('%s agrees with the code catalog', (name, check) => {
    expect(check.name).toBe(name);
    expect(CODES[check.code]).toMatchObject({ name, severity: check.severity });
  });

  it('gives every check its own code, in WL3xx-WL6xx or WL8xx', () => {
    const codes = registered.map(([, c]) => c.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^WL[3-68]\d\d$/.test(c))).toBe(true);
  });
});
