import { describe, expect, it } from 'vitest';
import { isYamlScalar as isScalar, isYamlSeq as isSeq } from './yaml-node.js';
import type { SourceLoc } from '../model/source.js';
import { locOf, nodeAtPath, parseSource } from './load.js';

const text = [
  'wardline: 1', // line 1
  'zones:',
  '  ward-a:',
  '    subnets: [10.20.0.0/22, fd00:20::/64]',
  '    via:',
  'flows:',
  '  - id: f1',
  '    from: a',
].join('\n');
const doc = parseSource({ path: 'pos.yaml', text }).document!;
/** 1-based start-end of a location, as a reader would count. */
const span = (loc: SourceLoc) =>
  `${loc.range.start.line + 1}:${loc.range.start.col + 1}-${loc.range.end.line + 1}:${loc.range.end.col + 1}`;

describe('nodeAtPath and locOf', () => {
  it('finds a value and a key by path, 0-based inside, with the file name', () => {
    const value = nodeAtPath(doc, ['zones', 'ward-a', 'subnets', 1], 'value');
    expect(isScalar(value) && value.value).toBe('fd00:20::/64');
    expect(span(locOf(doc, value))).toBe('4:29-4:41');
    expect(locOf(doc, value).range.start).toEqual({ line: 3, col: 28 });
    expect(locOf(doc, value).file).toBe('pos.yaml');
    expect(span(locOf(doc, nodeAtPath(doc, ['zones', 'ward-a'], 'key')))).toBe('3:3-3:9');
  });

  it('gives the list for a path ending at it, and list items by index', () => {
    expect(isSeq(nodeAtPath(doc, ['flows'], 'value'))).toBe(true);
    expect(span(locOf(doc, nodeAtPath(doc, ['flows', 0, 'from'], 'value')))).toBe('8:11-8:12');
  });

  it('falls back to the closest existing ancestor', () => {
    expect(span(locOf(doc, nodeAtPath(doc, ['zones', 'ward-a', 'subnets', 7], 'value')))).toBe('4:14-4:42');
    expect(span(locOf(doc, nodeAtPath(doc, ['zones', 'nope', 'via'], 'key')))).toBe('3:3-5:9');
  });

  it('points at the key of an entry written without a value', () => {
    expect(span(locOf(doc, nodeAtPath(doc, ['zones', 'ward-a', 'via'], 'value')))).toBe('5:5-5:8');
  });

  it('places an unknown node at 1:1', () => {
    expect(span(locOf(doc, undefined))).toBe('1:1-1:1');
  });
});
