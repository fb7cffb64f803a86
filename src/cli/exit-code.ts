/** Exit codes shared by every command (DESIGN.md, "Diagnostics"). */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Bad command line, missing path, unreadable input: one line on stderr, exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
