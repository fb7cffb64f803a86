import type { Program } from '../../src/compile/ir.js';
import type { RenderedFile, Target } from '../target.js';
import { aristaEosCapabilities } from './capabilities.js';
import { aristaEosReader } from './read.js';
import { renderConfig } from './render-config.js';
import { aristaEosUsage } from './usage.js';

/** Arista EOS: VLANs, SVIs, numbered IPv4 and IPv6 access lists with expanded addresses, in one config.txt. */
export const aristaEosTarget: Target = {
  platform: 'arista-eos',
  kind: 'acl',
  capabilities: aristaEosCapabilities,
  usage: aristaEosUsage,
  reader: aristaEosReader,
  render(program: Program): RenderedFile[] {
    if (program.kind !== 'acl') throw new Error(`arista-eos renders switch programs, not ${program.kind} programs`);
    return [{ path: 'config.txt', content: renderConfig(program) }];
  },
};
