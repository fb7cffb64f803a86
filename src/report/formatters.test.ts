import { describe, expect, it } from 'vitest';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { FORMATS, FORMATTERS, isFormat } from './formatters.js';

describe('formatter registry', () => {
  it('holds exactly the five formats', () => {
    expect(FORMATS).toEqual(['stylish', 'json', 'sarif', 'junit', 'github']);
    expect(Object.keys(FORMATTERS)).toEqual([...FORMATS]);
    expect(isFormat('sarif')).toBe(true);
    expect(isFormat('toString')).toBe(false);
  });

  it('machine formats never carry colour, even when asked', () => {
    for (const format of FORMATS.filter((f) => f !== 'stylish')) {
      expect(FORMATTERS[format](SAMPLE, { ...OPTIONS, color: true })).not.toContain('\u001b[');
    }
  });

  it('is pure: the same input gives the same text, and the input is left untouched', () => {
    const before = JSON.stringify(SAMPLE);
    for (const format of FORMATS) {
      expect(FORMATTERS[format](SAMPLE, OPTIONS)).toBe(FORMATTERS[format](SAMPLE, OPTIONS));
    }
    expect(JSON.stringify(SAMPLE)).toBe(before);
  });
});
