import type { ImportedFlow, MudImport } from './mud-import.js';
import type { MudFile } from './mud-document.js';

export interface GroupDefinition {
  name: string;
  zone: string;
  manufacturer?: string;
  /** The MUD URL the group claims (`identities: { mud-url }`), or why it claims none. */
  mudUrl?: string;
  withheld?: string;
}

/** A DNS name of the MUD files as an external the import defines. */
export interface ExternalDefinition {
  name: string;
  /** Lower case, without a final dot; it matched the language's fqdn pattern. */
  fqdn: string;
  /** The MUD URLs whose ACEs name it. */
  urls: string[];
}

/** Control characters (line breaks of every YAML version among them) and lone surrogates: never in a comment or a value. */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const FREE_TEXT_LIMIT = 200;

/** Text from a MUD file made safe for one line: unsafe characters as spaces. */
export const oneLine = (s: string): string => s.replace(UNSAFE, ' ');

/** Free text (why, description, manufacturer) as wardline takes it: one line, at most 200 characters, quoted. */
export function freeText(s: string): string {
  const chars = Array.from(oneLine(s));
  const short = chars.length > FREE_TEXT_LIMIT ? `${chars.slice(0, FREE_TEXT_LIMIT - 1).join('')}…` : chars.join('');
  return JSON.stringify(short);
}

/** Names and specs plain; addresses, prefixes and anything else in double quotes, as JSON writes them. */
const scalar = (s: string) => (/^[A-Za-z0-9][A-Za-z0-9_./-]*$/.test(s) && !/^[0-9.]+(\/[0-9]+)?$/.test(s) ? s : JSON.stringify(s));
const list = (items: readonly string[]) => (items.length === 1 ? scalar(items[0]!) : `[${items.map(scalar).join(', ')}]`);

/**
 * The imported intent as a policy file: the group (when defined here) and one flow per connection the MUD files ask
 * for. Every MUD name and URL is quoted or in a one-line comment, so none can change the YAML's structure.
 */
export function importYaml(files: readonly MudFile[], result: MudImport, group: GroupDefinition | undefined, externals: readonly ExternalDefinition[], groupName: string, ids: readonly string[], serviceName: (spec: string) => string): string {
  const out = ['# Imported by `wardline import mud`: what the manufacturer says the device needs (RFC 8520).', '# Review each flow before merging: narrow it, add owner and ticket.'];
  for (const f of files) {
    out.push(`# ${oneLine(baseName(f.file))}: MUD URL ${oneLine(f.url)}`);
    const about = [['systeminfo', f.systeminfo], ['manufacturer (mfg-name)', f.mfgName], ['model', f.modelName]].filter(([, v]) => v !== undefined);
    if (about.length > 0) out.push(`#   ${about.map(([k, v]) => `${k}: ${oneLine(v!)}`).join('; ')}`);
  }
  out.push('wardline: 1', '');
  if (group) {
    out.push('groups:');
    if (group.withheld !== undefined) out.push(`  # The MUD URL is no identity of the group: ${oneLine(group.withheld)}.`);
    out.push(`  ${group.name}:`, `    zone: ${scalar(group.zone)}`);
    if (group.manufacturer !== undefined) out.push(`    manufacturer: ${freeText(group.manufacturer)}`);
    // The URL is the device's identity when the group claims it; otherwise the description keeps it for the reviewer.
    const systeminfo = files[0]?.systeminfo;
    if (group.mudUrl === undefined) out.push(`    description: ${freeText(`MUD ${files.map((f) => f.url).join(', ')}${systeminfo ? `: ${systeminfo}` : ''}`)}`);
    else {
      if (systeminfo) out.push(`    description: ${freeText(systeminfo)}`);
      out.push('    identities:', `      mud-url: ${JSON.stringify(group.mudUrl)}`);
    }
    out.push('');
  }
  if (externals.length > 0) {
    out.push('externals:');
    for (const e of externals) {
      // Quoted: a name of digits and an exponent (1.e5) would read as a number.
      out.push(`  ${e.name}:`, `    fqdn: ${JSON.stringify(e.fqdn)}`, `    description: ${freeText(`DNS name from MUD ${e.urls.join(', ')}`)}`);
    }
    out.push('');
  }
  if (result.flows.length === 0) out.push(`# No flow: nothing of the MUD file${files.length === 1 ? '' : 's'} could be represented for ${groupName}.`);
  else out.push('flows:');
  result.flows.forEach((flow, i) => out.push(...flowLines(flow, ids[i]!, serviceName), ''));
  if (out.at(-1) === '') out.pop();
  return `${out.join('\n')}\n`;
}

function flowLines(flow: ImportedFlow, id: string, serviceName: (spec: string) => string): string[] {
  const where = (kind: string, refs: ImportedFlow['aces']) => refs.map((r) => `  # ${kind} ${oneLine(baseName(r.file))}:${r.line} acl ${oneLine(r.acl)} ace ${oneLine(r.ace)}`);
  const names = (refs: ImportedFlow['aces']) => refs.map((r) => `${r.acl}/${r.ace}`).join(', ');
  const urls = [...new Set(flow.aces.map((r) => r.url))].join(', ');
  const why = `MUD ${urls} ACE ${names(flow.aces)}${flow.replies.length > 0 ? `; replies ${names(flow.replies)}` : ''}`;
  return [
    ...where('asks:', flow.aces),
    ...where('replies:', flow.replies),
    `  - id: ${id}`,
    `    from: ${list(flow.from)}`,
    `    to: ${list(flow.to)}`,
    `    services: [${[...new Set(flow.services.map(serviceName))].map(scalar).join(', ')}]`,
    `    why: ${freeText(why)}`,
  ];
}

const baseName = (path: string) => path.split(/[\\/]/).pop() ?? path;
