import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { observedCuts } from '../../src/diff/observed-cuts.js';
import { simulator } from '../../src/sim/simulator.js';
import { diffPolicies } from '../../src/diff/diff-policies.js';
import { formatDiffMarkdown, formatDiffSarif, formatDiffText } from '../../src/diff/render-diff.js';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { TODAY } from '../support/policy.js';
import { validateSarif } from '../support/sarif.js';
import { SMALL } from '../sim/fixture.js';

const load = (text: string) => loadPolicy([{ path: 'p.yaml', text }], { today: TODAY }).policy;
const MONITORED = SMALL.replace('    labels: [medical]\n    isolation: true', '    labels: [medical]\n    isolation: true\n    mode: monitor');

describe('diff: monitor-mode changes', () => {
  it('enforce -> monitor and back are risks, though no flow and no connectivity by intent changes', () => {
    expect(MONITORED).not.toBe(SMALL);
    const [enforced, monitored] = [load(SMALL), load(MONITORED)];
    const on = diffPolicies(enforced, monitored, { baseLabel: 'main', headLabel: 'rollout' });
    expect(on.changes).toEqual([]);
    expect(on.modes).toEqual([{ kind: 'zone', name: 'ward', before: 'enforce', after: 'monitor', risk: 'monitor-opens', file: 'p.yaml', line: 3 }]);
    const off = diffPolicies(monitored, enforced, { baseLabel: 'rollout', headLabel: 'enforce' });
    expect(off.modes.map((m) => m.risk)).toEqual(['enforce-cuts-monitored']);
    const text = formatDiffText(off);
    expect(text.split('\n')[0]).toBe('no connectivity change between rollout and enforce; 1 monitor-mode change(s)');
    expect(text).toContain('! zone ward: monitor -> enforce: what monitor mode passed and logged is denied from now: run wardline observe on its logs first');
    expect(formatDiffMarkdown(off)).toContain('**Monitor-mode changes**');
    const sarif = formatDiffSarif(off, 'test');
    expect(validateSarif(sarif)).toEqual([]);
    expect(JSON.parse(sarif).runs[0].results).toEqual([expect.objectContaining({ ruleId: 'wardline-diff/mode', level: 'warning' })]);
    expect(diffPolicies(enforced, enforced).modes).toEqual([]);
  });

  it('--observed: the observed connections the monitored side passes and the enforced side denies, not the allowed or the still-denied ones', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'wardline-cuts-')), 'records.jsonl');
    const rec = (src: string, dst: string, port: number) => JSON.stringify({ src, dst, proto: 6, dstPort: port, packets: 3, bytes: 200, last: '2026-11-27T10:00:00Z' });
    writeFileSync(file, [rec('10.20.2.5', '10.50.0.20', 22), rec('10.20.1.5', '10.50.0.20', 443), rec('172.16.0.9', '10.20.2.5', 443), rec('10.20.2.5', '10.50.0.20', 22)].join('\n') + '\n');
    const cuts = await observedCuts(simulator(load(MONITORED)), simulator(load(SMALL)), [file]);
    expect(cuts.records).toBe(4);
    // monitors -> pump-server ssh passed by the monitored ward's default: cut; pumps' https: allowed on both sides;
    // the guest's way in: denied on both (the guardrail is enforced).
    expect(cuts.cuts).toEqual([{ from: 'monitors', to: 'pump-server', service: 'ssh', connections: 2, first: null, last: '2026-11-27T10:00:00Z', decidedBy: [{ kind: 'default', services: 'ssh' }] }]);
    expect((await observedCuts(simulator(load(SMALL)), simulator(load(MONITORED)), [file])).cuts).toEqual([]);
  });
});
