import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../model/diagnostic.js';
import { parseSource } from './load.js';
import { validateDocument } from './validate.js';

function validate(text: string): Diagnostic[] {
  const { document, diagnostics } = parseSource({ path: 'v.yaml', text });
  expect(diagnostics).toEqual([]);
  return validateDocument(document!);
}

/** Code, 1-based line:col and message of each diagnostic, in position order. */
function lines(text: string): string[] {
  return validate(text)
    .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.col - b.range.start.col)
    .map((d) => `${d.code} ${d.range.start.line + 1}:${d.range.start.col + 1} ${d.message}`);
}

describe('validateDocument', () => {
  it('accepts the whole language as docs/language.md shows it', () => {
    expect(validate(readFileSync('test/fixtures/lang/valid/hospital.yaml', 'utf8'))).toEqual([]);
  });

  it('accepts empty sections', () => {
    expect(validate('wardline: 1\nzones:\nflows:\nenforcement: {}\n')).toEqual([]);
  });

  it('WL201: an unknown key, at the key, with a suggestion, a hint and the path', () => {
    const [d, ...rest] = validate('wardline: 1\nzones:\n  ward-a:\n    vlna: 120\n    subnets: [10.20.0.0/22]\n    via: core-sw1\n');
    expect(rest).toEqual([]);
    expect(d!.code).toBe('WL201');
    expect(d!.severity).toBe('error');
    expect(d!.message).toBe('unknown key "vlna" in zone "ward-a"; did you mean "vlan"?');
    expect([d!.range.start.line + 1, d!.range.start.col + 1, d!.range.end.col + 1]).toEqual([4, 5, 9]);
    expect(d!.hint).toContain('vlan, subnets, gateway, via');
    expect(d!.path).toEqual(['zones', 'ward-a', 'vlna']);
  });

  it('WL201: unknown keys at the top level and deep inside, without a suggestion when none is close', () => {
    expect(lines('wardline: 1\nzone: {}\nguardrails:\n  - id: g\n    why: w\n    never: { from: a, to: b, color: red }\n')).toEqual([
      'WL201 2:1 unknown key "zone" at the top level of the file; did you mean "zones"?',
      'WL201 6:30 unknown key "color" in guardrail "g" (under "never")',
    ]);
  });

  it('WL201: text split by an unquoted comma in a flow mapping gets a quoting hint', () => {
    const [d] = validate('wardline: 1\nenforcement:\n  sw: { platform: cisco-ios, description: Core switch, building A }\n');
    expect(d!.message).toBe('unknown key "building A" in enforcement point "sw"');
    expect([d!.range.start.line + 1, d!.range.start.col + 1]).toEqual([3, 56]);
    expect(d!.hint).toContain('quote text that holds a comma');
  });

  it('WL201: a __proto__ key is an unknown key like any other and pollutes nothing', () => {
    expect(lines('wardline: 1\n__proto__: { polluted: true }\n')).toEqual(['WL201 2:1 unknown key "__proto__" at the top level of the file']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('WL204: an expiry date the month does not have is refused at the date, saying why', () => {
    const flow = (date: string) => `wardline: 1\nflows:\n  - id: f\n    from: a\n    to: b\n    services: [ssh]\n    expires: ${date}\n`;
    expect(lines(flow('2026-02-30'))).toEqual(['WL204 7:14 "2026-02-30" is not a date: 2026-02 has 28 days']);
    expect(lines(flow('"2026-04-31"'))).toEqual(['WL204 7:14 "2026-04-31" is not a date: 2026-04 has 30 days']);
    expect(lines(flow('2026-00-10'))).toEqual(['WL204 7:14 "2026-00-10" is not a date: there is no month 00']);
    expect(lines(flow('2028-02-29'))).toEqual([]);
  });

  it('WL204: a whole number written in another notation than plain decimal is refused, saying what YAML read', () => {
    const zone = (vlan: string) => `wardline: 1\nzones:\n  ward:\n    vlan: ${vlan}\n    subnets: [10.20.0.0/22]\n    via: sw1\n`;
    const read = (vlan: string) => lines(zone(vlan));
    expect(read('0x10')).toEqual(['WL204 4:11 "vlan" of zone "ward" is written 0x10, which YAML reads as a hexadecimal number, 16; write whole numbers as plain decimals']);
    expect(read('1e2')).toEqual(['WL204 4:11 "vlan" of zone "ward" is written 1e2, which YAML reads as a number in exponent notation, 100; write whole numbers as plain decimals']);
    expect(read('0o17')[0]).toContain('an octal number, 15');
    expect(read('120.0')[0]).toContain('a decimal fraction, 120');
    expect(read('0120')[0]).toContain('a number with a leading zero, 120');
    expect(read('+120')[0]).toContain('a number with a plus sign, 120');
    expect(read('.inf')).toEqual(['WL203 4:11 "vlan" of zone "ward" is written .inf, which YAML reads as infinity; expected a whole number']);
    expect(read('120')).toEqual([]);
    expect(validate(zone('0x10'))[0]!.hint).toBe('Write 16 if that is what you meant, in plain decimal digits.');
    expect(lines('wardline: 0x1\n')).toEqual(['WL204 1:11 "wardline" is written 0x1, which YAML reads as a hexadecimal number, 1; write whole numbers as plain decimals']);
  });

  it('WL203: a number in another notation where text belongs is quoted as written', () => {
    const [d] = validate('wardline: 1\nflows:\n  - { id: f, from: a, to: b, services: [ssh], ticket: 0x1F }\n');
    expect(d!.message).toBe('"ticket" of flow "f" is written 0x1F, which YAML reads as a hexadecimal number, 31; expected text');
    expect(d!.hint).toBe('Quote it to make it text as written: "0x1F".');
  });

  it('WL202: a missing key, at the key of the object that misses it', () => {
    const [d] = validate('wardline: 1\nzones:\n  ward-a:\n    subnets: [10.20.0.0/22]\n');
    expect(d!.code).toBe('WL202');
    expect(d!.message).toBe('zone "ward-a" is missing "via": the enforcement point that routes this zone');
    expect(d!.hint).toBe('Add "via", for example "via: core-sw1".');
    expect([d!.range.start.line + 1, d!.range.start.col + 1]).toEqual([3, 3]);
    expect(d!.path).toEqual(['zones', 'ward-a']);
  });

  it('WL202: a list item without keys of its own is marked on its first line only', () => {
    const [d] = validate('wardline: 1\nflows:\n  - id: f\n    from: a\n    to: b\n');
    expect(d!.message).toBe('flow "f" is missing "services": the services this flow allows: names, inline specs such as tcp/443, or any');
    expect(d!.range).toEqual({ start: { line: 2, col: 4 }, end: { line: 2, col: 6 } });
  });

  it('WL202: the version line and the empty file', () => {
    expect(lines('zones: {}\n')).toEqual(['WL202 1:1 the file is missing "wardline": the version of the wardline language, always 1']);
    expect(lines('# nothing yet\n')).toEqual(['WL202 1:1 the file is empty: a policy file holds at least "wardline: 1"']);
  });

  it('WL202 alone for a mapping that is no policy (no "wardline", keys that are no section): none of its keys is quoted', () => {
    const found = validate('root: x\npassword: hunter2\nzones: {}\n');
    expect(found.map((d) => `${d.code} ${d.message}`)).toEqual(['WL202 not a wardline policy file: it has no "wardline: 1"; nothing else in it is checked or shown']);
    expect(JSON.stringify(found)).not.toMatch(/root|password|hunter2/);
  });

  it('WL202 and WL204: an expectation needs exactly one of can and cannot', () => {
    expect(lines('wardline: 1\nexpect:\n  - why: w\n  - can: { from: a, to: b }\n    cannot: { from: a, to: b }\n')).toEqual([
      'WL202 3:5 expectation 1 has neither "can" nor "cannot"',
      'WL204 4:5 expectation 2 has both "can" and "cannot"',
    ]);
  });

  it('WL203: a wrong type, at the value, naming what was written and what is expected', () => {
    expect(lines('wardline: 1\nzones:\n  a: { subnets: 10.0.0.0/8, via: 12, isolation: yes }\nflows:\n  - { id: f, from: a, to: b, services: https, owner: 1042 }\n')).toEqual([
      'WL203 3:17 "subnets" of zone "a" is text ("10.0.0.0/8"); expected a list',
      'WL203 3:34 "via" of zone "a" is the number 12; expected text',
      'WL203 3:49 "isolation" of zone "a" is text ("yes"); expected true or false',
      'WL203 5:40 "services" of flow "f" is text ("https"); expected a list',
      'WL203 5:54 "owner" of flow "f" is the number 1042; expected text',
    ]);
    expect(validate('wardline: 1\nflows:\n  - { id: f, from: a, to: b, services: [any], ticket: 1042 }\n')[0]!.hint).toBe(
      'Quote it to make it text: "1042".',
    );
  });

  it('WL203: a section or an item of the wrong kind is one finding, not a cascade', () => {
    expect(lines('wardline: 1\nexpect:\n  - foo\nflows: {a: 1}\n')).toEqual([
      'WL203 3:5 expectation 1 is text ("foo"); expected a mapping',
      'WL203 4:8 "flows" is a mapping; expected a list',
    ]);
  });

  it('WL203: a file that is a list', () => {
    expect(lines('- wardline: 1\n')).toEqual(['WL203 1:1 the file is a list; a policy file is a mapping that starts with "wardline: 1"']);
  });

  it('WL204: values of the wrong form, each named with what is expected', () => {
    const text = [
      'wardline: 2',
      'zones:',
      '  "ward a": { subnets: [10.20.0.0/33, 10.1.0.0/16], gateway: 10.20.0.1/24, via: fw }',
      'services:',
      '  web: [tcp:443]',
      'flows:',
      '  - id: f',
      '    from: [a, "b c", label:ok]',
      '    to: 10.1.1.300',
      '    services: ["tcp 443"]',
      '    expires: 2026-02-30',
      '    why: "two\\nlines"',
      `    owner: ${'x'.repeat(201)}`,
    ].join('\n');
    expect(lines(text)).toEqual([
      'WL204 1:11 "wardline" must be 1, not the number 2',
      'WL204 3:3 "ward a" is not a valid name: " " is not allowed in a name',
      'WL204 3:25 "10.20.0.0/33" is not an address or prefix: prefix length 33 is too long for IPv4 (at most 32)',
      'WL204 3:62 "10.20.0.1/24" is not an IP address: a gateway is an address, without a prefix length',
      'WL204 5:9 "tcp:443" is not a service spec',
      'WL204 8:15 "b c" is not an endpoint: " " is not allowed in a name',
      'WL204 9:9 "10.1.1.300" is not a valid IPv4 address: write four decimal numbers 0-255 separated by dots, without leading zeros (e.g. 10.0.0.1)',
      'WL204 10:16 "tcp 443" is not a service name or spec',
      'WL204 11:14 "2026-02-30" is not a date: 2026-02 has 28 days',
      'WL204 12:10 "why" of flow "f" contains a control character (U+000A, a line break)',
      'WL204 13:12 "owner" of flow "f" is 201 characters; the limit is 200',
    ]);
  });

  it('WL204: host bits set and an unknown platform are left to the semantic checks', () => {
    expect(validate('wardline: 1\nzones:\n  a: { subnets: [10.20.0.1/22], via: fw, vlan: 5000 }\nenforcement:\n  fw: { platform: cisco-ioss }\n')).toEqual([]);
  });

  it('reports one finding per node, the most specific', () => {
    const found = validate('wardline: 1\nflows:\n  - { id: f, from: a, to: b, services: [any], why: "\\t' + 'y'.repeat(300) + '" }\n');
    expect(found.map((d) => d.code)).toEqual(['WL204']);
    expect(found[0]!.message).toContain('control character (U+0009, a tab)');
  });

  it('gives every finding a hint and a path', () => {
    const found = validate('wardline: 3\nzones:\n  a: { vlna: 1, subnets: [], via: [x] }\nexpect:\n  - {}\n');
    expect(found.length).toBeGreaterThanOrEqual(5);
    for (const d of found) {
      expect(d.hint).toMatch(/\S/);
      expect(d.path).toBeDefined();
      expect(d.file).toBe('v.yaml');
    }
  });
});
