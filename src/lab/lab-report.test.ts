import { describe, expect, it } from 'vitest';
import { labText } from './lab-report.js';
import type { LabResult } from './run-lab.js';

describe('lab text', () => {
  it('marks as wardline matrix does: X allowed, . blocked, ! a disagreement', () => {
    const a = { name: 'a', endpoint: 'a', zone: 'z1', address: '10.1.0.2', seat: 'z1' };
    const b = { name: 'b', endpoint: 'b', zone: 'z2', address: '10.2.0.2', seat: 'z2' };
    const kind = { label: 'tcp/443', proto: 'tcp', port: 443, services: ['https'] };
    const probe = (src: typeof a, dst: typeof a, expected: boolean, actual: boolean) => ({ kind, src, dst, expected, actual, outcome: actual ? 'open' : 'silent', reprobed: false });
    const result = {
      point: 'r', labId: 'abcdef', hosts: [a, b], kinds: [kind],
      probes: [probe(a, b, true, true), probe(b, a, false, false)],
      agree: 2, disagree: 0, reprobed: 0, faults: [], dhcp: [], isolation: [], seconds: 1,
    } as unknown as LabResult;
    const text = labText(result);
    expect(text).toContain('Legend: X allowed (kernel and simulator agree)   . blocked (both agree)');
    expect(text).toContain('1 a 10.1.0.2   X\n2 b 10.2.0.2  . \n');
    const wrong = labText({ ...result, probes: [probe(a, b, false, true)], disagree: 1, agree: 0 } as unknown as LabResult);
    expect(wrong).toContain('1 a 10.1.0.2   !');
  });
});
