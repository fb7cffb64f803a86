import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { wardline } from '../support/cli.js';

describe('wardline export ise', () => {
  it('writes the ISE files of the example hospital into DIR, the same bytes each time, and says what ISE does not import', async () => {
    const dirs = [0, 1].map(() => mkdtempSync(join(tmpdir(), 'wardline-ise-')));
    const runs = await Promise.all(dirs.map((d) => wardline(['export', 'ise', 'policies/example-hospital', '-o', d])));
    for (const r of runs) {
      expect(r.stdout).toBe('');
      expect(r.exitCode, r.stderr).toBe(1);
      expect(r.stderr).toContain('wardline: wrote authorizationprofile.json, downloadableacl.json, endpointgroup.json, endpoints.csv to ');
      expect(r.stderr).toContain('802.1X identities are not in the export');
    }
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(['authorizationprofile.json', 'downloadableacl.json', 'endpointgroup.json', 'endpoints.csv']);
    for (const f of files) expect(readFileSync(join(dirs[1]!, f), 'utf8')).toBe(readFileSync(join(dirs[0]!, f), 'utf8'));
    expect(readFileSync(join(dirs[0]!, 'endpoints.csv'), 'utf8')).toContain('00:00:5E:00:53:61,,icu-monitors,wardline group icu-monitors,FALSE,TRUE\r\n');
    const profiles = JSON.parse(readFileSync(join(dirs[0]!, 'authorizationprofile.json'), 'utf8'));
    expect(profiles.find((p: { AuthorizationProfile: { name: string } }) => p.AuthorizationProfile.name === 'infusion-pumps-4e').AuthorizationProfile).toMatchObject({ vlan: { nameID: '140' }, daclName: 'infusion-pumps-4e' });
  });
});
