import { readBounded } from '../lang/read-bounded.js';
import { MudInputError, readMud, type MudFile } from './mud-document.js';

/** A MUD file from disk: bounded, UTF-8, parsed; anything else is an input error naming the file. */
export async function readMudFile(path: string, limit: number): Promise<MudFile> {
  const read = await readBounded(path, limit);
  if ('over' in read) throw new MudInputError(`${path}: larger than ${limit >> 20} MiB: not a MUD file`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(read.data);
  } catch {
    throw new MudInputError(`${path}: not UTF-8 text (RFC 8259 JSON is UTF-8)`);
  }
  return readMud(path, text);
}
