import { simulatorLaws } from './simulator-laws.js';
import { randomMonitoredPolicy } from './random-policy.js';

// The same laws with zones and guardrails in monitor mode, the brute-force evaluator reading the modes on its own.
simulatorLaws(', monitor mode too', randomMonitoredPolicy, { seed: 20261205, numRuns: 24 });
