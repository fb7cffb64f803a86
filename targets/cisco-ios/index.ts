import type { Program } from '../../src/compile/ir.js';
import type { RenderedFile, Target } from '../target.js';
import { ciscoIosCapabilities } from './capabilities.js';
import { ciscoIosReader } from './read.js';
import { renderConfig } from './render-config.js';
import { ciscoIosUsage } from './usage.js';

/** Cisco Catalyst IOS-XE: VLANs, SVIs, object-group based extended and IPv6 access lists, in one config.txt. */
export const ciscoIosTarget: Target = {
  platform: 'cisco-ios',
  kind: 'acl',
  capabilities: ciscoIosCapabilities,
  usage: ciscoIosUsage,
  reader: ciscoIosReader,
  render(program: Program): RenderedFile[] {
    if (program.kind !== 'acl') throw new Error(`cisco-ios renders switch programs, not ${program.kind} programs`);
    return [{ path: 'config.txt', content: renderConfig(program) }];
  },
};
