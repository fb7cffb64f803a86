#!/usr/bin/env node
// Thin launcher: the CLI lives in the build output; this file only sets the exit code.
import { main } from '../dist/src/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
