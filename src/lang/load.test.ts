import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { parseSource, toPlain } from './load.js';
import { MAX_FILE_BYTES } from './source-files.js';

const parse = (text: string) => parseSource({ path: 'p.yaml', text });
/** 1-based line:col of a diagnostic, as a reader would see it. */
const at = (d: Diagnostic) => `${d.range.start.line + 1}:${d.range.start.col + 1}`;
const summary = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${at(d)}`);

describe('parseSource', () => {
  it('returns a positioned document for clean YAML', () => {
    const { document, diagnostics } = parse('wardline: 1\nzones: {}\n');
    expect(diagnostics).toEqual([]);
    expect(document?.file).toBe('p.yaml');
    expect(document?.lineCounter.linePos(12)).toEqual({ line: 2, col: 1 });
  });

  it('reports a syntax error as WL101 at its position and withholds the document', () => {
    const { document, diagnostics } = parse('wardline: 1\nzones: [a, b\n');
    // An unclosed bracket is reported where it was opened, not where the file ends.
    expect(summary(diagnostics)).toEqual(['WL101 2:8']);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the [ opened here has no matching ]');
    expect(diagnostics[0]!.hint).toBeTruthy();
    expect(document).toBeUndefined();
  });

  it('points an unclosed quote at its opening quote, with a hint about quotes', () => {
    const text = 'wardline: 1\nzones:\n  ward:\n    description: "Ward devices\n    via: sw1\n    subnets: [10.20.0.0/22]\n';
    const { diagnostics } = parse(text);
    expect(summary(diagnostics)).toEqual(['WL101 4:18']);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the " that starts this text is never closed');
    expect(diagnostics[0]!.hint).toBe('Close the quote at the end of the text, or write the text without quotes.');
    expect(summary(parse("wardline: 1\nflows:\n  - why: 'never closed\n").diagnostics)).toEqual(['WL101 3:10']);
  });

  it('points an unclosed { inside a block at the {', () => {
    const { diagnostics } = parse('wardline: 1\nzones:\n  ward: { via: sw1\n  dc: { via: sw1 }\n');
    expect(summary(diagnostics)).toEqual(['WL101 3:9']);
    expect(diagnostics[0]!.message).toBe('YAML syntax error: the { opened here has no matching }');
    expect(diagnostics[0]!.hint).toContain('Close it with the matching bracket');
  });

  it('gives the hint that fits the parser message, not only its error class', () => {
    const hintFor = (text: string) => parse(text).diagnostics[0]!.hint;
    // MISSING_CHAR covers quotes and a misaligned list-item key alike; the hints must differ.
    expect(hintFor('wardline: 1\nflows:\n  - id: a\n   from: b\n')).toContain('Line this key up with the first key of the list item');
    expect(hintFor('wardline: 1\nzones:\n  ward:\n    description: @ward\n')).toContain('Quote the value');
  });

  it('reports a tab used for indentation as WL101', () => {
    const { diagnostics } = parse('wardline: 1\nzones:\n\tward: {}\n');
    expect(diagnostics.map((d) => d.code)).toContain('WL101');
    expect(diagnostics.find((d) => d.code === 'WL101')!.range.start.line + 1).toBe(3);
  });

  it('reports a parser warning as WL102 and keeps the document', () => {
    const { document, diagnostics } = parse('%FOO bar\n---\nwardline: 1\nzones: {}\n');
    expect(summary(diagnostics)).toEqual(['WL102 1:1']);
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(document).toBeDefined();
  });

  it('refuses a tag it cannot resolve (WL108), at the tag, and withholds the document', () => {
    const { document, diagnostics } = parse('wardline: 1\nzones: !custom {}\n');
    expect(summary(diagnostics)).toEqual(['WL108 2:8']);
    expect(diagnostics[0]!.severity).toBe('error');
    expect(diagnostics[0]!.message).toBe('YAML tag !custom is not known, so its value cannot be read as the tag means');
    expect(diagnostics[0]!.hint).toContain('Remove the tag');
    expect(document).toBeUndefined();
    expect(summary(parse('%TAG !e! tag:example.com,2000:\n---\nwardline: !e!foo 1\n').diagnostics)).toEqual(['WL108 3:11']);
    // Tags the core schema knows are plain values written another way: nothing to refuse.
    expect(parse('wardline: !!int 1\nzones: !!map {}\n').diagnostics).toEqual([]);
  });

  it('reports a duplicate key at the second key, with the first as related location', () => {
    const { document, diagnostics } = parse('wardline: 1\nzones:\n  a: {}\n  b: {}\n  a: {}\n');
    expect(summary(diagnostics)).toEqual(['WL103 5:3']);
    expect(diagnostics[0]!.message).toBe('duplicate key "a" in "zones"; the first is on line 3');
    expect(diagnostics[0]!.related.map((r) => `${r.range.start.line + 1}:${r.range.start.col + 1}`)).toEqual(['3:3']);
    expect(diagnostics[0]!.path).toEqual(['zones', 'a']);
    expect(document).toBeUndefined();
  });

  it('treats keys that become the same text as duplicates (1 and "1")', () => {
    const { diagnostics } = parse('wardline: 1\n1: x\n"1": y\n');
    expect(summary(diagnostics)).toEqual(['WL103 3:1']);
    expect(diagnostics[0]!.message).toContain('at the top level');
  });

  it('refuses anchors and aliases with WL104 at the anchor and the alias', () => {
    const { document, diagnostics } = parse('wardline: 1\nservices:\n  web: &w [tcp/443]\n  web2: *w\n');
    expect(summary(diagnostics)).toEqual(['WL104 3:8', 'WL104 4:9']);
    expect(diagnostics[0]!.message).toContain('anchor &w');
    expect(diagnostics[1]!.message).toBe(
      'alias *w: anchors and aliases are not accepted in wardline policies; write the value out, or define a service or group once and refer to it by name',
    );
    expect(document).toBeUndefined();
  });

  it('refuses an alias bomb in well under a second, without expanding it', () => {
    const levels = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]'];
    for (let i = 1; i < 12; i++) {
      const name = String.fromCharCode(97 + i);
      const prev = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const started = performance.now();
    const { document, diagnostics } = parse(`wardline: 1\n${levels.join('\n')}\n`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document).toBeUndefined();
    expect(diagnostics.length).toBeGreaterThan(0);
    expect(diagnostics.length).toBeLessThanOrEqual(10);
    expect(diagnostics.every((d) => d.code === 'WL104')).toBe(true);
  });

  it('reports a second document as WL106 where it starts', () => {
    const { document, diagnostics } = parse('wardline: 1\n---\nwardline: 1\n');
    expect(summary(diagnostics)).toEqual(['WL106 2:1']);
    expect(document).toBeUndefined();
  });

  it('accepts a single document with explicit start and end markers', () => {
    expect(parse('---\nwardline: 1\n...\n').diagnostics).toEqual([]);
  });

  it('reports an oversize file as WL105 without parsing it, with its size when known', () => {
    const bytes = Math.round(40.1 * 2 ** 20) - 5;
    const started = performance.now();
    const { document, diagnostics } = parseSource({ path: 'big.yaml', text: '', oversize: { bytes } });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(document).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['WL105 1:1']);
    expect(diagnostics[0]!.message).toBe('this file is 40.1 MiB; the limit is 32 MiB per file; split the policy into several files');
    expect(parseSource({ path: 'b.yaml', text: '', oversize: { bytes: MAX_FILE_BYTES + 1 } }).diagnostics[0]!.message).toContain('is 32.1 MiB');
    expect(parseSource({ path: '<stdin>', text: '', oversize: {} }).diagnostics[0]!.message).toBe(
      'standard input is larger than 32 MiB, the limit per file; split the policy into several files',
    );
  });

  it('reports a link that was not followed as WL107, naming where it points', () => {
    const { document, diagnostics } = parseSource({ path: 'p/x.yaml', text: '', link: { target: '/etc/shadow', problem: 'outside', root: 'p' } });
    expect(document).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['WL107 1:1']);
    expect(diagnostics[0]!.message).toBe('a symbolic link that points to /etc/shadow, outside the policy directory; it was not read');
    const missing = parseSource({ path: 'p/y.yaml', text: '', link: { target: '../gone.yaml', problem: 'missing', root: 'p' } });
    expect(missing.diagnostics[0]!.message).toBe('a symbolic link that points to ../gone.yaml, which does not exist; it was not read');
  });

  it('never quotes a file without "wardline:" that the parser stumbles on: one WL202, nothing of its text', () => {
    const services = 'tcpmux\t\t1/tcp\necho\t\t7/tcp\nsecret-line: [ value\n';
    const { document, diagnostics } = parseSource({ path: 'services.yaml', text: services });
    expect(document).toBeUndefined();
    expect(summary(diagnostics)).toEqual(['WL202 1:1']);
    expect(JSON.stringify(diagnostics)).not.toMatch(/tcpmux|echo|secret/);
    // A policy's own syntax errors are still reported where they are.
    expect(summary(parse('wardline: 1\nzones: [\n').diagnostics)[0]).toMatch(/^WL101 /);
  });

  it('reports pathological nesting instead of throwing', () => {
    const { document, diagnostics } = parse(`wardline: 1\nzones: ${'['.repeat(5000)}${']'.repeat(5000)}`);
    expect(document).toBeUndefined();
    expect(diagnostics.map((d) => d.code)).toContain('WL101');
    expect(diagnostics.find((d) => d.code === 'WL101')!.message).toBe('YAML syntax error: the file is nested too deeply to parse');
  });

  it('refuses nesting deeper than a policy ever is before any parser recurses, where it starts, on any stack', () => {
    const flow = parse(`wardline: 1\nzones: ${'['.repeat(65)}${']'.repeat(65)}\n`);
    expect(flow.document).toBeUndefined();
    expect(summary(flow.diagnostics)).toEqual(['WL101 2:72']);
    const block = parse(`wardline: 1\nzones:\n${' '.repeat(300)}a: 1\n`);
    expect(summary(block.diagnostics)).toEqual(['WL101 3:301']);
    // Brackets in quotes, comments and plain text with an apostrophe count for nothing.
    const quoted = parse(`wardline: 1\nzones: {} # ${'['.repeat(100)}\n# vendors' ${'{'.repeat(100)}\ngroups: {}\nflows: []\n`);
    expect(quoted.diagnostics).toEqual([]);
  });

  it('reads YAML 1.2 core values even under a %YAML 1.1 directive', () => {
    const { document } = parse('%YAML 1.1\n---\nwardline: 1\nflows:\n  - expires: 2026-12-31\n    log: yes\n');
    const plain = toPlain(document!) as { flows: { expires: unknown; log: unknown }[] };
    expect(plain.flows[0]!.expires).toBe('2026-12-31');
    expect(plain.flows[0]!.log).toBe('yes');
  });
});

describe('toPlain', () => {
  it('gives plain JSON data', () => {
    const { document } = parse('wardline: 1\nzones:\n  a: { vlan: 120, subnets: [10.0.0.0/24], isolation: true, x: ~ }\n');
    expect(JSON.parse(JSON.stringify(toPlain(document!)))).toEqual({
      wardline: 1,
      zones: { a: { vlan: 120, subnets: ['10.0.0.0/24'], isolation: true, x: null } },
    });
  });

  it('cannot pollute Object.prototype through __proto__, constructor or prototype keys', () => {
    const { document } = parse('wardline: 1\n__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n');
    const plain = toPlain(document!) as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.keys(plain)).toEqual(['wardline', '__proto__', 'constructor']);
    expect((plain.__proto__ as Record<string, unknown>).polluted).toBe(true);
  });

  it('passes a value JSON cannot hold on as its source text', () => {
    const { document } = parse('wardline: 1\nx: !!binary aGVsbG8=\n');
    expect((toPlain(document!) as Record<string, unknown>).x).toBe('aGVsbG8=');
  });
});
