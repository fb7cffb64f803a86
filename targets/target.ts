import type { PointUsage } from '../src/compile/capacity.js';
import type { Capabilities, RenderedFile } from '../src/compile/capabilities.js';
import type { Program } from '../src/compile/ir.js';
import type { Reader } from './reader.js';

export type { Capabilities, RenderedFile };

/** A backend: pure, from one enforcement point's program to its configuration files. It spells; it never decides. */
export interface Target {
  platform: string;
  /** The program kind it takes: stateless interface ACLs, or stateful zone rules. */
  kind: Program['kind'];
  capabilities: Capabilities;
  render(program: Program): RenderedFile[];
  /** How much of each of `capabilities.capacity`'s resources what `render` writes fills, as the device counts it. */
  usage(program: Program): PointUsage;
  /** The other direction: what the rendered (or hand-edited, or pulled) files do to packets, read as the device reads them. */
  reader: Reader;
}
