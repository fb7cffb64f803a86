import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { generateSystem } from '../../bench/generate.js';
import { lineIndexOf } from '../../src/lang/line-index.js';
import { parseFastYaml } from '../../src/lang/yaml-fast.js';
import { libraryShape } from '../support/yaml-compare.js';

/** The fast reader must build what the yaml library builds (converted), node for node and range for range, or give up. */
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

function expectSameAsLibrary(text: string): boolean {
  const fast = parseFastYaml(text);
  if (!fast) return false;
  expect(fast.contents, JSON.stringify(text)).toEqual(libraryShape(text));
  return true;
}

describe('fast YAML reader', () => {
  it('reads every policy file in the repository as the library does, or gives up', () => {
    const files = [...yamlFiles('policies'), ...yamlFiles('test')];
    const taken = files.filter((file) => expectSameAsLibrary(readFileSync(file, 'utf8')));
    expect(taken).toContain(join('policies', 'example-hospital', 'flows.yaml'));
    expect(taken).toContain(join('policies', 'standard-services.yaml'));
    expect(taken).not.toContain(join('test', 'fixtures', 'broken', 'alias-bomb', 'policy.yaml'));
  });

  it('reads every file of a generated health system, with the same line starts', () => {
    for (const [name, text] of generateSystem({ groups: 100, flows: 300, points: 20 }).files) {
      expect(expectSameAsLibrary(text), name).toBe(true);
      const lineCounter = new LineCounter();
      parseDocument(text, { lineCounter });
      expect(lineIndexOf(text).lineStarts, name).toEqual(lineCounter.lineStarts);
    }
  });

  it.each([
    ['an anchor', 'a: &x 1\nb: 2\n'],
    ['an alias', 'a: 1\nb: *a\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a block scalar', 'a: |\n  text\n'],
    ['a multi-line plain scalar', 'a: one\n  two\n'],
    ['an escape', 'a: "x\\ty"\n'],
    ['a tab', 'a:\tx\n'],
    ['CRLF line ends', 'a: x\r\nb: y\r\n'],
    ['a second document', 'a: 1\n---\nb: 2\n'],
    ['a float', 'a: 1.5\n'],
    ['a hex number', 'a: 0x1f\n'],
    ['bad indentation', 'a:\n    b: 1\n  c: 2\n'],
    ['a flow collection over two lines', 'a: [x,\n  y]\n'],
    ['a key with nothing after it but a comment', 'a: # c\nb: 1\n'],
    ['an empty sequence entry', 'a:\n  -\n  - x\n'],
    ['a top-level sequence', '- a\n- b\n'],
    ['a duplicate key', 'a: 1\nb: 2\na: 3\n'],
    ['a duplicate key in a flow mapping', 'a: { x: 1, x: 2 }\n'],
    ['keys that are the same text', 'a:\n  1: x\n  01: y\n'],
    ['a duplicate key among many', Array.from({ length: 40 }, (_, i) => `k${i % 39}: ${i}`).join('\n')],
  ])('gives up on %s', (_, text) => {
    expect(parseFastYaml(text)).toBeUndefined();
  });

  it('agrees with the library on random documents built from policy-like pieces', () => {
    let state = 7;
    const rnd = () => {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
    const scalars = ['x', '1', '-2', '007', '1.5', 'true', 'null', '~', 'a b', '10.0.0.0/8', 'fd00::1', 'a:b', 'a#b', "'q'", '"d q"', "'it''s'", '-x', ':x', 'x #c', 'tcp/443', 'a,b', 'x]', 'é ü'];
    const keys = ['a', 'id', '1', 'true', 'null', 'a b', 'x:y', '-k'];
    const space = () => pick(['', '', ' ', '  ']);
    const flow = (depth: number): string => {
      if (depth > 2 || rnd() < 0.5) return pick(scalars.filter((s) => !/[,[\]{}#]/.test(s) || /^['"]/.test(s)));
      const n = Math.floor(rnd() * 3);
      if (rnd() < 0.5) return `[${space()}${Array.from({ length: n }, () => flow(depth + 1) + space()).join(`,${space()}`)}]`;
      return `{${space()}${Array.from({ length: n }, () => `${pick(keys.filter((k) => !k.includes(':')))}:${pick([' ', '  '])}${rnd() < 0.15 ? '' : flow(depth + 1)}${space()}`).join(`,${space()}`)}}`;
    };
    const block = (indent: number, depth: number, out: string[]): void => {
      const seq = depth > 0 && rnd() < 0.4;
      for (let i = 0, n = 1 + Math.floor(rnd() * 3); i < n; i++) {
        if (rnd() < 0.15) out.push(`${' '.repeat(pick([0, 1, 2, 3, 4, 6]))}# c`);
        else if (rnd() < 0.05) out.push('');
        const head = ' '.repeat(indent) + (seq ? '-' : `${pick(keys)}:`);
        const r = rnd();
        if (depth < 3 && r < 0.3) {
          const inner: string[] = [];
          if (seq && rnd() < 0.6) {
            block(indent + 2, depth + 1, inner);
            if (/^\s*(#|-|$)/.test(inner[0]!)) out.push(`${head} ${flow(0)}`);
            else out.push(`${head} ${inner[0]!.trimStart()}`, ...inner.slice(1));
          } else {
            out.push(head + pick(['', ' # k']));
            block(indent + pick([1, 2, 4]), depth + 1, out);
          }
        } else if (r < 0.37) out.push(head + pick(['', ' ']));
        else out.push(`${head} ${rnd() < 0.5 ? flow(0) : pick(scalars)}${pick(['', '', ' ', ' # t'])}`);
      }
    };
    let taken = 0;
    for (let i = 0; i < 1500; i++) {
      const out: string[] = [];
      block(0, 0, out);
      if (expectSameAsLibrary(out.join('\n') + pick(['\n', '', '\n\n', '\n# end\n', '\n  # e\n']))) taken++;
    }
    expect(taken).toBeGreaterThan(400);
  });
});
