import { supportsColor, supportsColorStderr } from 'chalk';

/**
 * Whether a stream gets colour, by the platform's conventions (chalk's detection): FORCE_COLOR forces it (`0` or
 * `false` turns it off), else NO_COLOR (any non-empty value, no-color.org) turns it off, else a TTY that is not
 * TERM=dumb gets it. Machine formats never colour, whatever this says.
 */
export function colorFor(stream: 'stdout' | 'stderr'): boolean {
  const env = process.env;
  if (env.FORCE_COLOR === undefined && env.NO_COLOR) return false;
  const level = stream === 'stdout' ? supportsColor : supportsColorStderr;
  return level !== false && level.level > 0;
}
