import { describe, expect, it } from 'vitest';
import { CODES } from '../model/codes.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { validateSarif } from '../../test/support/sarif.js';
import { OPTIONS, SAMPLE } from '../../test/report/sample-diagnostics.js';
import { artifactLocation, formatSarif } from './sarif.js';

function run(diagnostics: readonly Diagnostic[], files = OPTIONS.files) {
  return JSON.parse(formatSarif(diagnostics, { ...OPTIONS, files })).runs[0];
}

describe('sarif', () => {
  it('is valid SARIF 2.1.0 with findings and when clean', () => {
    expect(validateSarif(formatSarif(SAMPLE, OPTIONS))).toEqual([]);
    expect(validateSarif(formatSarif([], OPTIONS))).toEqual([]);
    expect(validateSarif(formatSarif([], { ...OPTIONS, files: [] }))).toEqual([]);
  });

  it('the validator does reject a broken log', () => {
    const log = JSON.parse(formatSarif(SAMPLE, OPTIONS));
    log.runs[0].results[0].level = 'fatal';
    log.runs[0].results[1].locations[0].physicalLocation.artifactLocation.uri = 'has space.yaml';
    const errors = validateSarif(JSON.stringify(log));
    expect(errors.some((e) => e.startsWith('/runs/0/results/0/level'))).toBe(true);
    expect(errors.some((e) => e.includes('/results/1/locations/0/physicalLocation/artifactLocation/uri'))).toBe(true);
    expect(validateSarif('{')).toHaveLength(1);
  });

  it('describes the tool and every rule of the catalog, sorted by id', () => {
    const { tool } = run([]);
    expect(tool.driver.name).toBe('wardline');
    expect(tool.driver.version).toBe('0.1.0');
    expect(tool.driver.informationUri).toBe('https://github.com/wardline/wardline');
    const ids = tool.driver.rules.map((r: { id: string }) => r.id);
    expect(ids).toEqual(Object.keys(CODES).sort());
    expect(tool.driver.rules[ids.indexOf('WL505')]).toEqual({
      id: 'WL505',
      name: 'expiring-soon',
      shortDescription: { text: 'A flow expires within the horizon (14 days, or check --horizon DAYS).' },
      fullDescription: { text: 'A flow expires within the horizon (14 days, or check --horizon DAYS). Default severity: info. One of the flow logic checks (WL5xx).' },
      help: {
        text: expect.stringMatching(/^A flow expires within the horizon \(14 days, or check --horizon DAYS\)\. Review the flow/),
        markdown: expect.stringContaining('(https://github.com/wardline/wardline/blob/main/docs/codes.md#wl505)'),
      },
      helpUri: 'https://github.com/wardline/wardline/blob/main/docs/codes.md#wl505',
      defaultConfiguration: { level: 'note' },
    });
  });

  it('maps each diagnostic to a result with rule index, level, 1-based region, related locations and a fingerprint', () => {
    const { tool, results, artifacts } = run(SAMPLE);
    expect(results).toHaveLength(4);
    expect(results.map((r: { level: string }) => r.level)).toEqual(['error', 'warning', 'note', 'error']);
    for (const r of results) expect(tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    const [first] = results;
    expect(first.message.text).toBe(`${SAMPLE[0]!.message}\nhint: ${SAMPLE[0]!.hint}`);
    expect(first.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: 'policy/flows.yaml', uriBaseId: '%SRCROOT%', index: 0 },
      region: { startLine: 13, startColumn: 5, endLine: 13, endColumn: 19 },
    });
    expect(first.relatedLocations).toEqual([
      {
        id: 0,
        physicalLocation: {
          artifactLocation: { uri: 'policy/guardrails.yaml', uriBaseId: '%SRCROOT%', index: 1 },
          region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 31 },
        },
        message: { text: 'guardrail "no-guest-to-medical" is defined here' },
      },
    ]);
    expect(results[1].relatedLocations).toBeUndefined();
    expect(artifacts.map((a: { location: { uri: string } }) => a.location.uri)).toEqual([
      'policy/flows.yaml',
      'policy/guardrails.yaml',
      'policy/services.yaml',
      'policy/zones.yaml',
    ]);
    expect(first.partialFingerprints['wardline/v1']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fingerprints ignore position but not code, file or message', () => {
    const moved = { ...SAMPLE[0]!, range: { start: { line: 40, col: 2 }, end: { line: 40, col: 9 } } };
    const print = (d: Diagnostic) => run([d]).results[0].partialFingerprints['wardline/v1'];
    expect(print(moved)).toBe(print(SAMPLE[0]!));
    expect(print({ ...SAMPLE[0]!, message: 'other' })).not.toBe(print(SAMPLE[0]!));
    expect(print({ ...SAMPLE[0]!, file: 'other.yaml' })).not.toBe(print(SAMPLE[0]!));
  });

  it('fingerprints ignore the places a message cites (WL501 names its flow and guardrail by file:line:col)', () => {
    const cited = { ...SAMPLE[0]!, message: 'flow "a" (flows.yaml:28:9) allows x, which guardrail "g" (guardrails.yaml:3:5) forbids' };
    const print = (d: Diagnostic) => run([d]).results[0].partialFingerprints['wardline/v1'];
    expect(print({ ...cited, message: cited.message.replace('28:9', '41:9').replace('3:5', '7:5') })).toBe(print(cited));
    expect(print({ ...cited, message: cited.message.replace('flow "a"', 'flow "b"') })).not.toBe(print(cited));
  });

  it('has an empty results list when clean', () => {
    expect(run([]).results).toEqual([]);
  });

  it('makes URIs relative with forward slashes, encoded, and names stdin plainly', () => {
    expect(artifactLocation('policy\\zones.yaml')).toEqual({ uri: 'policy/zones.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('./my policy/a#1:b.yaml')).toEqual({ uri: 'my%20policy/a%231%3Ab.yaml', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('<stdin>')).toEqual({ uri: 'stdin', uriBaseId: '%SRCROOT%' });
    expect(artifactLocation('/srv/policy/z ones.yaml')).toEqual({ uri: 'file:///srv/policy/z%20ones.yaml' });
    expect(artifactLocation('C:\\policy\\zones.yaml')).toEqual({ uri: 'file:///C:/policy/zones.yaml' });
  });

  it('stays valid with odd file names, stdin, absolute paths and codes missing from the catalog', () => {
    const odd: Diagnostic[] = [
      { ...SAMPLE[0]!, file: '<stdin>' },
      { ...SAMPLE[1]!, file: '/abs/päth with space.yaml' },
      { ...SAMPLE[3]!, code: 'WL999', file: 'dir/100%.yaml' },
    ];
    const text = formatSarif(odd, { ...OPTIONS, files: ['<stdin>'] });
    expect(validateSarif(text)).toEqual([]);
    const { tool, results } = JSON.parse(text).runs[0];
    expect(tool.driver.rules.at(-1).id).toBe('WL999');
    expect(results[2].ruleIndex).toBe(tool.driver.rules.length - 1);
    expect(results[2].locations[0].physicalLocation.artifactLocation.uri).toBe('dir/100%25.yaml');
  });
});
