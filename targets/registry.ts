import { aristaEosTarget } from './arista-eos/index.js';
import { arubaAoscxTarget } from './aruba-aoscx/index.js';
import { ciscoIosTarget } from './cisco-ios/index.js';
import { extremeExosTarget } from './extreme-exos/index.js';
import { fortinetFortiosTarget } from './fortinet-fortios/index.js';
import { juniperJunosTarget } from './juniper-junos/index.js';
import { linuxIptablesTarget } from './linux-iptables/index.js';
import { linuxNftablesTarget } from './linux-nftables/index.js';
import { paloaltoPanosTarget } from './paloalto-panos/index.js';
import type { Target } from './target.js';
import { freeradiusTarget } from './freeradius/index.js';
import { ciscoIseExport } from './cisco-ise/index.js';

/** Every target, by platform name. One line per target; nothing else imports from targets/. */
export const targets: Record<string, Target> = {
  'cisco-ios': ciscoIosTarget,
  'arista-eos': aristaEosTarget,
  'juniper-junos': juniperJunosTarget,
  'aruba-aoscx': arubaAoscxTarget,
  'extreme-exos': extremeExosTarget,
  'paloalto-panos': paloaltoPanosTarget,
  'fortinet-fortios': fortinetFortiosTarget,
  'linux-nftables': linuxNftablesTarget,
  'linux-iptables': linuxIptablesTarget,
};

/** Network access control targets: they place devices (a NacPlan), they filter nothing. */
export const nacTargets = {
  freeradius: freeradiusTarget,
};

/** Exports of the identity side for a NAC product that imports it (wardline export ise). */
export const nacExports = {
  ise: ciscoIseExport,
};
