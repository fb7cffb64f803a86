import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSource, toPlain } from '../../src/lang/load.js';
import { compileValidator } from '../../src/lang/schema-validator.js';
import { precompiledSource } from '../../src/lang/write-validator.js';

/** The validator `npm run build` writes into dist must be this schema's, and judge every document as ajv's compile does. */
const WRITTEN = 'dist/src/lang/policy-validator.js';

const documents = [
  'wardline: 1\nzones:\n  ward-a:\n    vlna: 120\n    subnets: [10.20.0.0/22]\n    via: core-sw1\n',
  `wardline: 2\nflows:\n  - id: x y\n    from: [a, 10.0.0.0/33]\n    to: "label:"\n    services: []\n    expires: 2026-02-30\n`,
  'wardline: 1\nexpect:\n  - can: { from: a, to: b }\n    cannot: { from: a, to: b }\n  - why: nothing\n',
  `wardline: 1\ngroups:\n  g:\n    zone: z\n    owner: "${'x'.repeat(201)}"\n    addresses: [fd00::/129]\n`,
  readFileSync('test/fixtures/lang/valid/hospital.yaml', 'utf8'),
];

describe('the validator written by the build', () => {
  it('is the code this schema compiles to', () => {
    expect(readFileSync(WRITTEN, 'utf8')).toBe(precompiledSource());
  });

  it('reports what the compiled schema reports, error for error', async () => {
    const written = (await import('../../dist/src/lang/policy-validator.js')) as { validate: ReturnType<typeof compileValidator>['validate'] };
    const compiled = compileValidator().validate;
    for (const text of documents) {
      const plain = toPlain(parseSource({ path: 'v.yaml', text }).document!);
      expect(written.validate(plain), text).toBe(compiled(plain));
      expect(written.validate.errors, text).toEqual(compiled.errors);
    }
    expect(compiled.errors).toBeNull();
  });
});
