import { checkPolicy } from '../../src/check/check-policy.js';
import { loadPolicy, type LoadedPolicy } from '../../src/lang/load-policy.js';
import type { Diagnostic } from '../../src/model/diagnostic.js';

export const TODAY = '2026-11-28';

/** A tiny multi-file policy in memory: file name → YAML text (the `wardline: 1` header is added when missing). */
export type PolicyFiles = Record<string, string>;

export function sourcesOf(files: PolicyFiles | string) {
  const map = typeof files === 'string' ? { 'policy.yaml': files } : files;
  return Object.entries(map).map(([path, text]) => ({
    path,
    text: /^\s*(#.*\n\s*)*wardline:/.test(text) ? text : `wardline: 1\n${text}`,
  }));
}

export function load(files: PolicyFiles | string, today = TODAY): LoadedPolicy {
  return loadPolicy(sourcesOf(files), { today });
}

/** Every finding for a policy: parse and schema findings, then (when those are clean) the semantic checks. */
export function diagnose(files: PolicyFiles | string, today = TODAY, opts: { horizon?: number } = {}): Diagnostic[] {
  return checkPolicy(sourcesOf(files), today, opts).findings;
}

/** `WL501 flows.yaml:4:5` per finding (1-based), the shape valid/invalid check tests assert on. */
export function codesAt(files: PolicyFiles | string, today = TODAY): string[] {
  return diagnose(files, today).map((d) => `${d.code} ${d.file}:${d.range.start.line + 1}:${d.range.start.col + 1}`);
}

/** A small valid base policy that check tests extend: two zones on one switch, two groups, one flow. */
export const BASE = `
zones:
  ward:
    vlan: 120
    subnets: [10.20.0.0/22, fd00:20::/64]
    gateway: [10.20.0.1, fd00:20::1]
    via: sw1
    labels: [medical]
  dc:
    vlan: 500
    subnets: [10.50.0.0/24]
    gateway: 10.50.0.1
    via: sw1
  guest:
    vlan: 900
    subnets: [172.16.0.0/16]
    via: sw1
    labels: [untrusted]
groups:
  pumps:
    zone: ward
    addresses: [10.20.1.0/24, fd00:20::100/120]
    labels: [medical]
  pump-server:
    zone: dc
    addresses: [10.50.0.20]
enforcement:
  sw1: { platform: cisco-ios }
`;
