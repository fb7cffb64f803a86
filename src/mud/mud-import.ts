import { parseServiceSpec } from '../net/service.js';
import { aceConnection, type Connection } from './ace-connection.js';
import { peerText } from './ace-peer.js';
import type { MudFile, MudProblem } from './mud-document.js';
import { peerEndpoints, type ImportContext } from './peer-endpoints.js';

/** An ACE behind a flow, for `why:` and the comment above it. */
export interface AceRef {
  file: string;
  url: string;
  acl: string;
  ace: string;
  line: number;
  col: number;
}

export interface ImportedFlow {
  from: string[];
  to: string[];
  /** Canonical inline specs, or `any`. */
  services: string[];
  /** The ACEs that ask for the connection, then those that match only its replies. */
  aces: AceRef[];
  replies: AceRef[];
}

export interface MudImport {
  flows: ImportedFlow[];
  problems: MudProblem[];
}

interface Asked {
  connection: Connection;
  endpoints: string[];
  ref: AceRef;
}

/** Every ACE of every file as a flow of the group, or a problem at its line: none is left out unsaid. */
export function importMud(files: readonly MudFile[], ctx: ImportContext): MudImport {
  const problems: MudProblem[] = files.flatMap((f) => f.problems);
  const asked: Asked[] = [];
  for (const f of files) {
    for (const ace of f.aces) {
      const ref: AceRef = { file: f.file, url: f.url, acl: ace.acl, ace: ace.name, line: ace.line, col: ace.col };
      const fail = (reason: string) => problems.push({ file: f.file, line: ace.line, col: ace.col, where: `acl ${JSON.stringify(ace.acl)} ace ${JSON.stringify(ace.name)}`, reason, counts: true });
      const connection = aceConnection(ace);
      if ('reason' in connection) {
        fail(connection.reason);
        continue;
      }
      const resolved = peerEndpoints(connection.peer, ctx);
      if ('reason' in resolved) fail(resolved.reason);
      else asked.push({ connection: { ...connection, services: connection.services.map(canonical) }, endpoints: resolved.endpoints, ref });
    }
  }
  const flows = new Map<string, ImportedFlow & { initiator: string; peer: string }>();
  for (const a of asked.filter((x) => !x.connection.reply)) {
    const { initiator, services } = a.connection;
    const peer = a.endpoints.join(' ');
    const key = `${initiator} ${peer} ${services.join(' ')}`;
    const known = flows.get(key);
    if (known) known.aces.push(a.ref);
    else {
      const [from, to] = initiator === 'device' ? [[ctx.group], a.endpoints] : [a.endpoints, [ctx.group]];
      flows.set(key, { from, to, services, aces: [a.ref], replies: [], initiator, peer });
    }
  }
  for (const a of asked.filter((x) => x.connection.reply)) {
    const { initiator, services, peer } = a.connection;
    const flow = [...flows.values()].find((f) => f.initiator === initiator && f.peer === a.endpoints.join(' ') && services.every((s) => covered(s, f.services)));
    if (flow) {
      flow.replies.push(a.ref);
      continue;
    }
    const [from, to] = initiator === 'device' ? ['the device', peerText(peer)] : [peerText(peer), 'the device'];
    problems.push({
      file: a.ref.file,
      line: a.ref.line,
      col: a.ref.col,
      where: `acl ${JSON.stringify(a.ref.acl)} ace ${JSON.stringify(a.ref.ace)}`,
      reason: `it matches only the replies of connections from ${from} to ${to} on ${services.join(', ')}, and no ACE of the other direction allows those connections: wardline allows replies only with their connection`,
      counts: true,
    });
  }
  return { flows: [...flows.values()].map(({ initiator: _i, peer: _p, ...f }) => f), problems: sortProblems(files, problems) };
}

const canonical = (s: string) => {
  const spec = s === 'any' ? undefined : parseServiceSpec(s);
  return spec === undefined || 'error' in spec ? s : spec.text;
};

/** Whether every packet of `spec` is in one of `services` (same protocol, range inside). */
function covered(spec: string, services: readonly string[]): boolean {
  if (services.includes('any')) return true;
  const s = parseServiceSpec(spec);
  if ('error' in s) return false;
  return services.some((t) => {
    const u = parseServiceSpec(t);
    return !('error' in u) && u.proto === s.proto && u.lo <= s.lo && s.hi <= u.hi;
  });
}

/** In the order of the files given, then by line and column. */
export function sortProblems(files: readonly MudFile[], problems: MudProblem[]): MudProblem[] {
  const order = files.map((f) => f.file);
  return problems.sort((a, b) => order.indexOf(a.file) - order.indexOf(b.file) || a.line - b.line || a.col - b.col);
}
