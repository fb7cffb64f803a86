import { Ajv2020 } from 'ajv/dist/2020.js';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REPO } from '../support/cli.js';

const CORPUS = `${REPO}../shared/corpus/mud/`;
const schema = JSON.parse(readFileSync(`${REPO}schema/mud.schema.json`, 'utf8'));
const validate = new Ajv2020({ allErrors: true, strict: true, strictRequired: false }).compile(schema);

/** Why a file breaks the RFCs, in words, each reason once. */
function reasons(doc: unknown): string[] {
  if (validate(doc)) return [];
  const out = new Set<string>();
  for (const e of validate.errors ?? []) {
    if (e.instancePath.endsWith('/eth/ethertype')) out.add('ethertype as a hex string');
    else if (e.instancePath.endsWith('/type') && e.instancePath.includes('/acl/')) out.add('acl type ethernet-acl-type');
    else if (/ipv6-network$/.test(e.instancePath)) out.add('ipv6 network without a prefix length');
    else out.add(`${e.instancePath} ${e.message}`);
  }
  return [...out].sort();
}

// The 19 profiles MUDgee wrote (2018, before RFC 8519 was final) keep three draft habits besides the `access-lists`
// name the schema accepts as legacy: ethertypes as strings like "0x0800" (RFC 8519's ietf-ethertypes: a number or a
// name), the ACL type "ethernet-acl-type" (RFC 8519: eth-acl-type), and IPv6 host addresses with no /128.
const BROKEN: Record<string, string[]> = {
  'SmartThingsMud.json': ['ethertype as a hex string'],
  'withingsbabymonitorMud.json': ['ethertype as a hex string'],
  'augustdoorbellcamMud.json': ['acl type ethernet-acl-type', 'ethertype as a hex string', 'ipv6 network without a prefix length'],
  'hpprinterMud.json': ['acl type ethernet-acl-type', 'ethertype as a hex string', 'ipv6 network without a prefix length'],
  'samsungsmartcamMud.json': ['acl type ethernet-acl-type', 'ethertype as a hex string', 'ipv6 network without a prefix length'],
};
const DEFAULT_REASONS = ['acl type ethernet-acl-type', 'ethertype as a hex string'];

describe('the MUD schema (RFC 8520, RFC 8519)', () => {
  const files = readdirSync(CORPUS).filter((f) => f.endsWith('.json')).sort();

  it('has the 19 profiles of the corpus', () => expect(files).toHaveLength(19));

  it.each(files)('%s: its only faults are the known draft habits', (file) => {
    const doc = JSON.parse(readFileSync(`${CORPUS}${file}`, 'utf8'));
    expect(reasons(doc)).toEqual(BROKEN[file] ?? DEFAULT_REASONS);
  });

  it.each(files)('%s: valid once the draft habits are fixed (the schema takes the rest, legacy access-lists included)', (file) => {
    const text = readFileSync(`${CORPUS}${file}`, 'utf8')
      .replace(/"ethertype" : "0x([0-9a-f]{4})"/g, (_m, hex: string) => `"ethertype" : ${parseInt(hex, 16)}`)
      .replace(/"ethernet-acl-type"/g, '"eth-acl-type"')
      .replace(/("(?:source|destination)-ipv6-network" : "[0-9a-f:]+)"/g, '$1/128"');
    expect(reasons(JSON.parse(text))).toEqual([]);
    expect(text).toContain('"ietf-access-control-list:access-lists"');
  });

  const minimal = () => ({
    'ietf-mud:mud': { 'mud-version': 1, 'mud-url': 'https://mud.example.org/a.json', 'last-update': '2026-11-28T00:00:00Z', 'is-supported': true },
    'ietf-access-control-list:acls': {
      acl: [{ name: 'a', type: 'ipv4-acl-type', aces: { ace: [{ name: 'a-0', matches: { ipv4: { protocol: 6, 'destination-ipv4-network': '10.0.0.0/8' }, tcp: { 'destination-port': { operator: 'eq', port: 443 }, 'ietf-mud:direction-initiated': 'from-device' } }, actions: { forwarding: 'accept' } }] } }],
    },
  });

  it('accepts a minimal RFC file and refuses what the YANG forbids', () => {
    expect(reasons(minimal())).toEqual([]);
    const broken: [string, (d: any) => void][] = [
      ['http URL', (d) => (d['ietf-mud:mud']['mud-url'] = 'http://mud.example.org/a.json')],
      ['mud-version 2', (d) => (d['ietf-mud:mud']['mud-version'] = 2)],
      ['no last-update', (d) => delete d['ietf-mud:mud']['last-update']],
      ['cache-validity 169', (d) => (d['ietf-mud:mud']['cache-validity'] = 169)],
      ['systeminfo of 61 characters', (d) => (d['ietf-mud:mud'].systeminfo = 'x'.repeat(61))],
      ['port 65536', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.tcp['destination-port'].port = 65536)],
      ['operator gt', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.tcp['destination-port'].operator = 'gt')],
      ['direction both', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.tcp['ietf-mud:direction-initiated'] = 'both')],
      ['prefix /33', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.ipv4['destination-ipv4-network'] = '10.0.0.0/33')],
      ['unknown key', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.ipv4.port = 1)],
      ['tcp and udp together', (d) => (d['ietf-access-control-list:acls'].acl[0].aces.ace[0].matches.udp = {})],
      ['both container names', (d) => (d['ietf-access-control-list:access-lists'] = { acl: [] })],
    ];
    for (const [what, breakIt] of broken) {
      const doc = minimal();
      breakIt(doc);
      expect(validate(doc), what).toBe(false);
    }
  });
});
