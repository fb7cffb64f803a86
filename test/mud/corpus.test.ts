import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { readPolicySources } from '../../src/lang/source-files.js';
import { readMud } from '../../src/mud/mud-document.js';
import { runImport } from '../../src/mud/import-request.js';
import { REPO } from '../support/cli.js';
import { catalog } from './mud-builder.js';

// The 19 real MUD profiles beside the project (their README gives origin and licence; they are not copied in).
const CORPUS = join(REPO, '..', 'shared', 'corpus', 'mud');

// Per file: ACEs, then [flows, ACEs not imported] bare (no --map, no --policy), then with the example hospital as
// --policy and --map controller=dns-ntp-servers. DNS names are externals in both.
const EXPECTED: Record<string, [number, [number, number], [number, number]]> = {
  'SmartThingsMud.json':         [12, [6, 3], [7, 1]],
  'amazonEchoMud.json':          [71, [32, 11], [37, 2]],
  'augustdoorbellcamMud.json':   [94, [41, 16], [46, 4]],
  'awairAirQualityMud.json':     [19, [7, 6], [9, 2]],
  'belkincameraMud.json':        [41, [14, 15], [21, 1]],
  'blipcareBPmeterMud.json':     [8, [2, 5], [3, 3]],
  'canaryCameraMud.json':        [27, [10, 8], [13, 2]],
  'chromecastMud.json':          [152, [73, 14], [78, 4]],
  'hellobarbieMud.json':         [15, [4, 8], [7, 2]],
  'hpprinterMud.json':           [68, [17, 43], [31, 6]],
  'lifxbulbMud.json':            [18, [5, 10], [9, 3]],
  'nestsmokesensorMud.json':     [33, [11, 12], [15, 5]],
  'pixstarphotoframeMud.json':   [22, [4, 15], [9, 5]],
  'samsungsmartcamMud.json':     [65, [20, 37], [37, 4]],
  'tplinkplugMud.json':          [28, [11, 7], [14, 1]],
  'tribyspeakerMud.json':        [41, [18, 9], [21, 3]],
  'wemomotionMud.json':          [37, [10, 22], [19, 4]],
  'wemoswitchMud.json':          [35, [13, 14], [18, 4]],
  'withingsbabymonitorMud.json': [19, [9, 3], [10, 1]],
};

const dnsNames = (text: string) => [...new Set([...text.matchAll(/"ietf-acldns:(?:src|dst)-dnsname" : "([^"]*)"/g)].map((m) => m[1]!))];

describe('the MUD corpus', () => {
  const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort() : [];

  it('is there: 19 profiles', () => {
    expect(files).toHaveLength(19);
  });

  it('imports every file: each ACE is a flow, the reply of one, or reported at its line', async () => {
    const policy = loadPolicy(await readPolicySources([join(REPO, 'policies', 'example-hospital')]), { today: '2026-01-01' }).policy;
    const got: typeof EXPECTED = {};
    for (const f of files) {
      const text = readFileSync(join(CORPUS, f), 'utf8');
      const mud = readMud(f, text);
      const aces = mud.aces.length;
      const counts = (maps: string[], withPolicy: boolean): [number, number] => {
        const r = runImport([mud], { group: 'device', zone: 'staff', maps, catalog: catalog(), ...(withPolicy ? { policy } : {}) });
        const flows = r.yaml.split('\n  - id: ').length - 1;
        const refused = r.problems.filter((p) => p.counts);
        // Never dropped silently: every ACE is named in the YAML (asks or replies) or reported, and never both.
        const named = [...r.yaml.matchAll(/^ {2}# (?:asks|replies): \S+:(\d+) /gm)].map((m) => Number(m[1]));
        expect(new Set([...named, ...refused.map((p) => p.line)]).size, f).toBe(aces);
        expect(named.length + refused.length, f).toBe(aces);
        for (const p of refused) expect(text.split('\n')[p.line - 1], `${f}:${p.line}`).toMatch(/^\s*"name" : /);
        return [flows, refused.length];
      };
      got[f] = [aces, counts([], false), counts(['controller=dns-ntp-servers'], true)];
    }
    expect(got).toEqual(EXPECTED);
  });
});
