import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../model/policy.js';
import { policySchema, schemaText, type JsonSchema } from './schema.js';
import { FORMATS, isDate, isEndpointRef, isIpAddress, isIpPrefix, isServiceSpec } from './schema-formats.js';
import { policyValidator } from './validate.js';

/** Every property schema in the tree, with its path. */
function properties(schema: JsonSchema, path = '#'): [string, JsonSchema][] {
  const out: [string, JsonSchema][] = [];
  const visit = (s: JsonSchema | boolean | undefined, p: string): void => {
    if (!s || typeof s !== 'object') return;
    for (const [k, v] of Object.entries(s.properties ?? {})) {
      out.push([`${p}/${k}`, v]);
      visit(v, `${p}/${k}`);
    }
    visit(s.items, `${p}[]`);
    visit(s.additionalProperties, `${p}/*`);
  };
  visit(schema, path);
  return out;
}

describe('policySchema', () => {
  it('is the committed schema/wardline.schema.json, byte for byte', () => {
    expect(schemaText()).toBe(readFileSync('schema/wardline.schema.json', 'utf8'));
  });

  it('is a valid draft-07 schema that compiles under strict ajv with the custom formats', () => {
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
    expect(policySchema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(ajv.validateSchema(JSON.parse(schemaText()))).toBe(true);
    const validate = ajv.compile(JSON.parse(schemaText()));
    expect(validate({ wardline: 1 })).toBe(true);
    expect(validate({ wardline: 1, zones: { a: { subnets: ['10.0.0.0/33'], via: 'fw' } } })).toBe(false);
    expect(policyValidator()({ wardline: 1, zones: null })).toBe(true);
  });

  it('gives every property a title and a description, and closes every object', () => {
    const all = properties(policySchema);
    expect(all.length).toBeGreaterThan(50);
    for (const [path, s] of all) {
      expect(s.title, path).toMatch(/\S/);
      expect(s.description, path).toMatch(/\S/);
      if (s.type === 'object') expect(s.additionalProperties, path).toBe(false);
    }
  });

  it('lists platforms as examples, not as an enum, so unknown ones get a "did you mean" from wardline', () => {
    const platform = policySchema.properties!.enforcement!.additionalProperties as JsonSchema;
    expect(platform.properties!.platform!.examples).toEqual([...PLATFORMS]);
    expect(JSON.stringify(policySchema)).not.toContain('"enum"');
  });

  it('as published, generic validators need none of its formats: strict ajv takes it, with patterns in their place and platforms as an enum', async () => {
    const published = JSON.parse(schemaText());
    const ajv = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true });
    expect(schemaText()).not.toMatch(/"format"/);
    const validate = ajv.compile(published);
    const zone = (subnet: string) => ({ wardline: 1, zones: { a: { subnets: [subnet], via: 'fw' } } });
    expect(validate(zone('10.0.0.0/33'))).toBe(false);
    expect(validate(zone('fd00::/129'))).toBe(false);
    expect(validate(zone('10.0.0.0/8'))).toBe(true);
    expect(validate(zone('fd4e:1c2a:7b00:140::/64'))).toBe(true);
    expect(validate({ wardline: 1, services: { s: ['tcp/99999'] } })).toBe(false);
    expect(validate({ wardline: 1, services: { s: ['tcp/443', 'udp/5000-5010', 'icmp/3/4', 'icmpv6/echo-request', 'proto/50', 'tcp/any'] } })).toBe(true);
    expect(validate({ wardline: 1, enforcement: { e: { platform: 'cisco-nxos' } } })).toBe(false);
    expect(validate({ wardline: 1, enforcement: { e: { platform: 'cisco-ios' } } })).toBe(true);
    // Every file of the example hospital, as parsed, is valid under the published schema too.
    const { parse } = await import('yaml');
    const { readdirSync } = await import('node:fs');
    for (const f of readdirSync('policies/example-hospital').filter((n) => n.endsWith('.yaml'))) {
      const doc = parse(readFileSync(`policies/example-hospital/${f}`, 'utf8'));
      expect(validate(doc), `${f}: ${JSON.stringify(validate.errors?.slice(0, 2))}`).toBe(true);
    }
  });

  it('takes an unquoted date as a YAML 1.1 reader gives it to a generic validator, and wardline check takes it as written', async () => {
    const { parseDocument } = await import('yaml');
    const text = [
      'wardline: 1',
      'zones:',
      '  ward: { vlan: 120, subnets: [10.20.0.0/22], gateway: 10.20.0.1, via: sw1 }',
      '  dc: { vlan: 500, subnets: [10.50.0.0/24], gateway: 10.50.0.1, via: sw1 }',
      'flows:',
      '  - id: vendor-support',
      '    from: ward',
      '    to: dc',
      '    services: [tcp/22]',
      '    why: Support contract',
      '    expires: 2027-03-31',
      'enforcement:',
      '  sw1: { platform: cisco-ios }',
      '',
    ].join('\n');
    const validate = new Ajv({ strict: true, strictRequired: false, allowUnionTypes: true }).compile(JSON.parse(readFileSync('schema/wardline.schema.json', 'utf8')));
    const asYaml11 = parseDocument(text, { version: '1.1' }).toJSON();
    // A YAML 1.1 reader makes it a timestamp: JSON has it as midnight UTC.
    expect(asYaml11.flows[0].expires).toBe('2027-03-31T00:00:00.000Z');
    expect(validate(asYaml11), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(parseDocument(text).toJSON())).toBe(true);
    expect(validate(parseDocument(text.replace('2027-03-31', '2027-03-31T10:00:00Z'), { version: '1.1' }).toJSON())).toBe(false);
    expect(validate(parseDocument(text.replace('2027-03-31', '2027-13-31')).toJSON())).toBe(false);
    const { checkPolicy } = await import('../check/check-policy.js');
    const checked = checkPolicy([{ path: 'policy.yaml', text }], '2026-11-28');
    expect(checked.findings).toEqual([]);
    expect(checked.policy?.flows[0]?.expires?.value).toBe('2027-03-31');
  });
});

describe('formats', () => {
  it('ip-address: IPv4 dotted quads and IPv6, no prefix, no zone id', () => {
    expect(['10.20.0.1', 'fd00:20::1', '::ffff:10.0.0.1'].map(isIpAddress)).toEqual([true, true, true]);
    expect(['10.20.0.1/24', '10.020.0.1', '1.2.3', 'fe80::1%eth0', 'core-sw1'].map(isIpAddress)).toEqual([false, false, false, false, false]);
  });

  it('ip-prefix: an address or prefix; host bits set are still valid here', () => {
    expect(['10.20.0.0/22', '10.20.0.1/22', 'fd00:20::/64', '10.50.10.20'].map(isIpPrefix)).toEqual([true, true, true, true]);
    expect(['10.20.0.0/33', 'fd00::/129', '10.0.0.0/8/8', '10.0.0.0/'].map(isIpPrefix)).toEqual([false, false, false, false]);
  });

  it('service-spec: shape only', () => {
    expect(['tcp/443', 'udp/5000-5010', 'tcp/any', 'icmp/3/4', 'icmpv6/echo-request', 'proto/50', 'tcp/99999'].map(isServiceSpec))
      .toEqual([true, true, true, true, true, true, true]);
    expect(['tcp', 'tcp:443', 'tcp/443/1/2', '/443', 'tcp/ 443'].map(isServiceSpec)).toEqual([false, false, false, false, false]);
  });

  it('date: a real calendar day written YYYY-MM-DD', () => {
    expect(['2026-12-31', '2028-02-29'].map(isDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '31-12-2026', '2026-12-31T00:00'].map(isDate)).toEqual([false, false, false, false, false]);
  });

  it('endpoint: a name, label:NAME, or a valid address or prefix', () => {
    expect(['infusion-pumps', 'label:medical', 'any', 'external', '10.20.1.0/24', 'fd00:20::/64', '120', '1.2.3'].map(isEndpointRef))
      .toEqual([true, true, true, true, true, true, true, true]);
    expect(['10.1.1.300', '10.0.0.0/33', 'label:', 'label:a b', 'b c', '-x', ''].map(isEndpointRef))
      .toEqual([false, false, false, false, false, false, false]);
  });
});
