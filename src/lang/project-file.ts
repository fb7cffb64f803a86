import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { InputError } from './source-files.js';
import { yamlLibrary } from './yaml-library.js';

/**
 * The project file: in the directory a command runs in, it names the policy that commands read when no path is
 * given (README, "The project file"), so that a bare `wardline check` at the top of a repository reads the policy,
 * not every YAML file beside it (tests, CI configuration). Hidden, like .spectral.yaml and .yamllint.yaml, so that
 * reading a directory never takes it for a policy file (hidden entries are skipped).
 */
export const PROJECT_FILE = '.wardline.yaml';

/** A project file wardline cannot use: exit 2, with the place and what to write. */
export class ProjectFileError extends InputError {}

/**
 * The policy path a command reads when it is given none: what the project file in `dir` names (relative to `dir`,
 * as written), or `.` when there is no project file.
 */
export function defaultPolicyPath(dir = '.'): string {
  const file = join(dir, PROJECT_FILE);
  if (!existsSync(file)) return '.';
  const text = readFileSync(file, 'utf8');
  const { parseDocument, LineCounter, isMap, isNode, isScalar } = yamlLibrary();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const at = (offset: number) => {
    const { line, col } = lines.linePos(offset);
    return `${PROJECT_FILE}:${line}:${col}`;
  };
  const fix = `write one line, policy: DIRECTORY (e.g. policy: policies/example-hospital)`;
  const syntax = doc.errors[0];
  if (syntax) throw new ProjectFileError(`${at(syntax.pos[0])}: ${syntax.message.split('\n')[0]}; ${fix}`);
  const root = doc.contents;
  if (!isMap(root)) throw new ProjectFileError(`${at(0)}: the project file is not a mapping; ${fix}`);
  let named: { text: string; offset: number } | undefined;
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const offset = isScalar(pair.key) ? (pair.key.range?.[0] ?? 0) : 0;
    if (key !== 'policy') throw new ProjectFileError(`${at(offset)}: unknown key "${key}": the project file has only "policy"; ${fix}`);
    const value = pair.value;
    const valueAt = (isNode(value) ? value.range?.[0] : undefined) ?? offset;
    if (!isScalar(value) || typeof value.value !== 'string' || value.value.trim() === '') {
      throw new ProjectFileError(`${at(valueAt)}: "policy" is not a path; ${fix}`);
    }
    named = { text: value.value, offset: valueAt };
  }
  if (named === undefined) throw new ProjectFileError(`${at(0)}: the project file names no policy; ${fix}`);
  const policy = isAbsolute(named.text) || dir === '.' ? named.text : join(dir, named.text);
  if (!existsSync(policy)) {
    throw new ProjectFileError(`${at(named.offset)}: "policy" names ${named.text}, which does not exist; name the policy directory, relative to ${PROJECT_FILE}`);
  }
  return policy;
}
