import { simulatorLaws } from './simulator-laws.js';
import { randomPolicy } from './random-policy.js';

simulatorLaws('', randomPolicy, { seed: 20261128, numRuns: 36 });
