import { describe, expect, it } from 'vitest';
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
});
