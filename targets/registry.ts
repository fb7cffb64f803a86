import type { Target } from './target.js';

/** Every target, by platform name. One line per target; nothing else imports from targets/. */
export const targets: Record<string, Target> = {};
