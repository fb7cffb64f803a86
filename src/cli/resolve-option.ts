/**
 * `--resolve FILE`: a resolution file (a policy file holding `dns:` only) saying what externals' DNS names resolve to,
 * for platforms that match addresses only; read outside the policy root (lang/source-files.ts), repeatable.
 */
export const RESOLVE_HELP = 'a file of dns: entries (what DNS names resolve to) for platforms that match addresses only (repeatable)';

export const collectResolve = (value: string, previous: string[]) => [...previous, value];

/** The first line of every file `wardline resolve` writes: it overwrites only a file that starts so. */
export const RESOLUTION_MARKER = '# wardline resolve:';
