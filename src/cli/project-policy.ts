/** The policy a command reads when given no path (lang/project-file.ts), loaded on use so that --help stays fast. */
export async function projectPolicy(): Promise<string> {
  const { defaultPolicyPath } = await import('../lang/project-file.js');
  return defaultPolicyPath();
}
