import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../src/observe/record-formats.js';
import { readLines } from './read.js';

describe('flow-jsonl', () => {
  it('reads records with CRLF, comments and blank lines, detected from its first record', async () => {
    const r = await readLines([
      '# comment\r',
      '{"src":"10.0.0.1","dst":"10.0.0.2","proto":6,"dstPort":443,"packets":3,"bytes":180,"action":"allow — ok"}\r',
      '',
      '{"src":"fd00::1","dst":"fd00::2","proto":58,"dstPort":128}',
    ]);
    expect(r.format).toBe('flow-jsonl');
    expect(r.problems.count).toBe(0);
    expect(r.records).toEqual([
      { src: '10.0.0.1', dst: '10.0.0.2', proto: 6, dstPort: 443, packets: 3, bytes: 180, action: 'allow — ok' },
      { src: 'fd00::1', dst: 'fd00::2', proto: 58, dstPort: 128, packets: 0, bytes: 0 },
    ]);
  });

  it('counts a bad line with its number and goes on', async () => {
    const good = '{"src":"10.0.0.1","dst":"10.0.0.2","proto":6,"dstPort":443}';
    const r = await readLines([good, '{"src":1}', good.replace('443', '"x"'), '[1]', good]);
    expect(r.records).toHaveLength(2);
    expect(r.problems.kept).toEqual([
      { line: 2, reason: '"src" and "dst" must be addresses as strings' },
      { line: 3, reason: '"dstPort" must be a whole number' },
      { line: 4, reason: 'not a JSON object (flow-jsonl has one record per line)' },
    ]);
  });

  it('is detected from its first record, and other JSON records are not taken for it', () => {
    expect(detectFormat(['{"src":"10.0.0.1","dst":"10.0.0.2","proto":6}'])).toBe('flow-jsonl');
    expect(detectFormat(['{"ts":1.5,"uid":"C1","id.orig_h":"10.0.0.1","id.orig_p":5000,"id.resp_h":"10.0.0.2","id.resp_p":443,"proto":"tcp"}'])).not.toBe('flow-jsonl');
  });
});
