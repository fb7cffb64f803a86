import { Ajv2020 } from 'ajv/dist/2020.js';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, wardline } from '../support/cli.js';

const POLICY = 'policies/example-hospital';
const URL = 'https://mud.example.org/infusion-pumps-4e.json';
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(JSON.parse(readFileSync(`${REPO}schema/mud.schema.json`, 'utf8')));

describe('wardline export mud', () => {
  it('writes a valid MUD file on stdout, the same bytes each time, dated by WARDLINE_TODAY', async () => {
    const [a, b] = await Promise.all([wardline(['export', 'mud', 'infusion-pumps-4e', POLICY, '--url', URL]), wardline(['export', 'mud', 'infusion-pumps-4e', POLICY, '--url', URL])]);
    expect(a.exitCode, a.stderr).toBe(0);
    expect(a.stderr).toBe('');
    expect(a.stdout).toBe(b.stdout);
    const doc = JSON.parse(a.stdout);
    expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
    expect(doc['ietf-mud:mud']).toMatchObject({ 'mud-url': URL, 'last-update': '2026-11-28T00:00:00Z', 'mfg-name': 'Example Infusion Systems' });
  });

  it('-o FILE writes the file and nothing on stdout; --today dates it', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'wardline-mud-')), 'pump-server.json');
    const r = await wardline(['export', 'mud', 'pump-server', POLICY, '--url', URL, '-o', out, '--today', '2026-12-01']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(validate(doc)).toBe(true);
    expect(doc['ietf-mud:mud']['last-update']).toBe('2026-12-01T00:00:00Z');
  });

  it('an unknown group is a usage error with a did-you-mean', async () => {
    const r = await wardline(['export', 'mud', 'infusion-pumps-4w', POLICY, '--url', URL]);
    expect(r.exitCode).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('wardline: "infusion-pumps-4w" is not a group of this policy; did you mean "infusion-pumps-4e"? (MUD describes a device class: export a group)\n');
  });

  it('a MUD URL that is not https is a usage error; without --url, the group\'s own mud-url, else a usage error', async () => {
    const http = await wardline(['export', 'mud', 'pump-server', POLICY, '--url', 'http://mud.example.org/a.json']);
    expect(http.exitCode).toBe(2);
    expect(http.stderr).toContain('RFC 8520 §1.5 requires an https:// URL');
    const none = await wardline(['export', 'mud', 'pump-server', POLICY]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toBe('wardline: group "pump-server" names no MUD URL (identities: { mud-url }): give the URL the file is published at with --url https://…\n');
    const policy = mkdtempSync(join(tmpdir(), 'wardline-export-mud-'));
    cpSync(join(REPO, POLICY), policy, { recursive: true });
    const groups = join(policy, 'groups.yaml');
    const own = 'https://mud.example.org/pumps-4e.json';
    writeFileSync(groups, readFileSync(groups, 'utf8').replace('      ouis: [ac:de:48]', `      ouis: [ac:de:48]\n      mud-url: ${own}`));
    const named = await wardline(['export', 'mud', 'infusion-pumps-4e', policy, '--today', '2026-11-28']);
    rmSync(policy, { recursive: true, force: true });
    expect(named.exitCode, named.stderr).toBe(0);
    expect(JSON.parse(named.stdout)['ietf-mud:mud']['mud-url']).toBe(own);
  });
});
