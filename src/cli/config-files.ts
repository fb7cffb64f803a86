import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { UsageError } from './exit-code.js';

export interface ConfigFiles {
  /** Paths relative to the compiled directory's layout: `<point>/<file>` or `<point>/<device>/<file>`. */
  files: Map<string, string>;
  shown: (path: string) => string;
  /** The files read, as shown. */
  read: string[];
}

/** Every file under DIR but compile's manifest, by its path in DIR. */
export function directoryFiles(dir: string): ConfigFiles {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--config ${dir}: no such directory; compile into it first (wardline compile -o ${dir})`);
  const files = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(join(dir, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && path !== 'manifest.json' && !entry.name.startsWith('.')) files.set(path, readFileSync(join(dir, path), 'utf8'));
    }
  };
  walk('');
  const shown = (path: string) => join(dir, path);
  return { files, shown, read: [...files.keys()].map(shown) };
}

/** `--point EP FILE …`: those files for their points (EP/DEVICE for one device), the compiled text for every other point. */
export function pointFiles(args: readonly string[], points: ReadonlyMap<string, unknown>, compiled: ReadonlyMap<string, string>): ConfigFiles {
  if (args.length % 2 !== 0) throw new UsageError('--point takes an enforcement point and a file: --point EP FILE');
  const given = new Map<string, string>();
  const display = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const [ep, file] = [args[i]!, args[i + 1]!];
    if (!points.has(ep.split('/')[0]!)) throw new UsageError(`--point names "${ep}", which is not an enforcement point of the policy`);
    if (!existsSync(file) || !statSync(file).isFile()) throw new UsageError(`--point ${ep} ${file}: no such file`);
    const path = `${ep}/${basename(file)}`;
    given.set(path, readFileSync(file, 'utf8'));
    display.set(path, file);
  }
  const replaced = new Set([...given.keys()].map((p) => p.slice(0, p.lastIndexOf('/'))));
  const files = new Map([...compiled].filter(([path]) => ![...replaced].some((r) => path.startsWith(`${r}/`))));
  for (const [path, text] of given) files.set(path, text);
  return { files, shown: (path) => display.get(path) ?? `(compiled) ${path}`, read: [...display.values()] };
}
