import type { NacPlan } from '../../src/compile/ir.js';
import { renderIse, type IseExport, type IseRole } from './render-ise.js';

export type { IseExport, IseRole };

/** Cisco ISE: the identity side as ISE imports it (wardline export ise). */
export const ciscoIseExport = {
  format: 'ise',
  render(plan: NacPlan, role: IseRole): IseExport {
    return renderIse(plan, role);
  },
};
