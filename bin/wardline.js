#!/usr/bin/env node
// Thin launcher: the CLI lives in the build output; this file only sets the exit code.
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // Answered before commander and the commands load: scripts probe startup with it (budget: 200 ms).
  const { wardlineVersion } = await import('../dist/src/cli/version.js');
  process.stdout.write(`${wardlineVersion()}\n`);
} else {
  const { main } = await import('../dist/src/cli/main.js');
  process.exitCode = await main(argv);
}
