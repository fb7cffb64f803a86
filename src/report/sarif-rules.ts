import { CODES, type CodeInfo } from '../model/codes.js';
import type { Severity } from '../model/diagnostic.js';

export type SarifLevel = 'error' | 'warning' | 'note';

export const SARIF_LEVEL: Record<Severity, SarifLevel> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri: string;
  defaultConfiguration: { level: SarifLevel };
}

/** Where each code is explained, one heading per code (docs/codes.md, written from the catalog). */
export const CODES_DOC = 'https://github.com/wardline/wardline/blob/main/docs/codes.md';

interface Family {
  title: string;
  help: string;
}

/** What to do, by code family (the hundreds digit); each result's message says what to do in its case. */
const FAMILIES: Record<string, Family> = {
  WL1: {
    title: 'YAML and input',
    help: 'Make the file one readable YAML document within the size limit, without anchors, aliases or duplicate keys.',
  },
  WL2: {
    title: 'schema',
    help: 'Make the key or value match the policy schema (`wardline schema` prints it, and editors complete from it).',
  },
  WL3: {
    title: 'names and references',
    help: 'Correct the name: define the one referenced, fix its spelling, or choose another that is unique and not reserved; the related locations show the other place involved.',
  },
  WL4: {
    title: 'addressing',
    help: 'Correct the prefix, VLAN or gateway so zones and groups describe the network as built; the related locations show the conflicting definition.',
  },
  WL5: {
    title: 'flow logic',
    help: "Review the flow named in the message: remove or narrow it, give it an owner and a reason, renew or drop it, or list it under the guardrail's exceptions when the exception is intended.",
  },
  WL6: {
    title: 'expectations',
    help: 'Change the flows so the expectation holds, or correct the expectation if the intent has changed.',
  },
  WL8: {
    title: 'device identity',
    help: "Correct the identity so each device is claimed by one group whose zone network access control can assign (a zone with a VLAN); the related locations show the other claim.",
  },
  WL9: {
    title: 'configuration drift',
    help: "Compare the device's configuration with what wardline compiles for the policy (wardline compile, then diff the files): restore the compiled configuration, or change the policy first when the device is right. The message names the config line that decides and the intent that should.",
  },
  WL7: {
    title: 'target limits',
    help: 'Choose a target that supports what the policy needs, or state the intent in a form the target can enforce; wardline never renders a weaker rule instead.',
  },
};

const UNKNOWN_FAMILY: Family = { title: 'other', help: 'Read the message: it says what is wrong, where, and what to do.' };

/** Every code in the catalog, plus any code the diagnostics use that the catalog lacks, sorted by id. */
export function sarifRules(usedCodes: Iterable<string>): SarifRule[] {
  const ids = new Set([...Object.keys(CODES), ...usedCodes]);
  return [...ids].sort().map((id) => rule(id, CODES[id]));
}

function rule(id: string, info: CodeInfo | undefined): SarifRule {
  const family = FAMILIES[id.slice(0, 3)] ?? UNKNOWN_FAMILY;
  const summary = info?.summary ?? `Diagnostic ${id}.`;
  const severity = info?.severity ?? 'error';
  return {
    id,
    name: info?.name ?? id,
    shortDescription: { text: summary },
    fullDescription: { text: `${summary} Default severity: ${severity}. One of the ${family.title} checks (${id.slice(0, 3)}xx).` },
    help: { text: helpText(id, info), markdown: `**${id} ${info?.name ?? ''}** (${severity}). ${helpText(id, info)} [More](${CODES_DOC}#${id.toLowerCase()})` },
    helpUri: `${CODES_DOC}#${id.toLowerCase()}`,
    defaultConfiguration: { level: SARIF_LEVEL[severity] },
  };
}

/** A code's own help: what it finds, then what to do about its family of findings. */
export function helpText(id: string, info: CodeInfo | undefined): string {
  const family = FAMILIES[id.slice(0, 3)] ?? UNKNOWN_FAMILY;
  return `${info?.summary ?? `Diagnostic ${id}.`} ${family.help}`;
}

/** docs/codes.md: every code of the catalog under its own heading (the anchor SARIF's helpUri points at). */
export function codesDocument(): string {
  const out = [
    '# Diagnostic codes',
    '',
    '<!-- Written from src/model/codes.ts by the tests (test/report/codes-doc.test.ts): edit the catalog, not this file. -->',
    '',
    'Every finding wardline reports has a code. Each message says what is wrong and where; this page says what the',
    'code means and what to do, as SARIF viewers (GitHub code scanning) link to it.',
  ];
  for (const [prefix, family] of Object.entries(FAMILIES)) {
    const ids = Object.keys(CODES).filter((id) => id.startsWith(prefix)).sort();
    if (ids.length === 0) continue;
    out.push('', `## ${prefix}xx: ${family.title}`);
    for (const id of ids) {
      const info = CODES[id]!;
      out.push('', `### ${id}`, '', `\`${info.name}\`, ${info.severity}. ${helpText(id, info)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
