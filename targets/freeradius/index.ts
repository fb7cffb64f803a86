import type { NacPlan } from '../../src/compile/ir.js';
import type { RenderedFile } from '../target.js';
import { answerSizes, renderAuthorize } from './render-authorize.js';

/** FreeRADIUS (3.x): the files module's authorize file. Its clients and shared secret are the server's, never in the policy. */
export const freeradiusTarget = {
  platform: 'freeradius',
  render(plan: NacPlan): RenderedFile[] {
    return [{ path: 'authorize', content: renderAuthorize(plan) }];
  },
  answerSizes,
};
