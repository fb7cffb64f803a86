/** The report formats by name, apart from their formatters: the CLI lists them without loading any (or chalk). */
export type Format = 'stylish' | 'json' | 'sarif' | 'junit' | 'github';

export const FORMATS: readonly Format[] = ['stylish', 'json', 'sarif', 'junit', 'github'];

export function isFormat(name: string): name is Format {
  return (FORMATS as readonly string[]).includes(name);
}
