import type { Check } from './check.js';
import { defaultVlan } from './default-vlan.js';
import { duplicateException } from './duplicate-exception.js';
import { duplicateName } from './duplicate-name.js';
import { expectationFailed } from './expectation-failed.js';
import { expectationWillFail } from './expectation-will-fail.js';
import { expiredFlow } from './expired-flow.js';
import { expiringSoon } from './expiring-soon.js';
import { flowAllowsNothing } from './flow-allows-nothing.js';
import { gatewayOutsideSubnet } from './gateway-outside-subnet.js';
import { deviceAddressUnusable, pairNeedsFhrp } from './pair-gateway.js';
import { groupOutsideZone } from './group-outside-zone.js';
import { groupPrefixClaimedTwice } from './group-prefix-claimed-twice.js';
import { guardrailViolation } from './guardrail-violation.js';
import { hostBitsSet } from './host-bits-set.js';
import { infrastructureForbidden } from './infrastructure-forbidden.js';
import { intraZoneOnly } from './intra-zone-only.js';
import { ipv4MappedAddress } from './ipv4-mapped-address.js';
import { invalidService } from './invalid-service.js';
import { medicalFlowUnowned } from './medical-flow-unowned.js';
import { needlessException } from './needless-exception.js';
import { redundantFlow } from './redundant-flow.js';
import { relayServerNotHost } from './relay-server-not-host.js';
import { reservedName } from './reserved-name.js';
import { sameSourceDestination } from './same-source-destination.js';
import { undefinedReference } from './undefined-reference.js';
import { unknownPlatform } from './unknown-platform.js';
import { unusedLabel } from './unused-label.js';
import { viaNotEnforcementPoint } from './via-not-enforcement-point.js';
import { vlanDuplicate } from './vlan-duplicate.js';
import { vlanOutOfRange } from './vlan-out-of-range.js';
import { zoneOverlap } from './zone-overlap.js';
import { externalAddressInZone, fqdnClaimedTwice, standInBlock, unusedDnsEntry } from './dns-names.js';
import { identityMalformed } from './identity-malformed.js';
import { identityClaimedTwice } from './identity-claimed-twice.js';
import { identityShadowed } from './identity-shadowed.js';
import { identityUntrusted, identityWithoutVlan, unknownDevicesZone } from './identity-zone.js';

/** Every semantic check, by name. One line per check; no directory scanning. */
export const checks: Record<string, Check> = {
  'identity-malformed': identityMalformed,
  'identity-claimed-twice': identityClaimedTwice,
  'identity-shadowed': identityShadowed,
  'identity-without-vlan': identityWithoutVlan,
  'identity-untrusted': identityUntrusted,
  'unknown-devices-zone': unknownDevicesZone,
  'undefined-reference': undefinedReference,
  'duplicate-name': duplicateName,
  'unknown-platform': unknownPlatform,
  'via-not-enforcement-point': viaNotEnforcementPoint,
  'reserved-name': reservedName,
  'unused-label': unusedLabel,
  'host-bits-set': hostBitsSet,
  'zone-overlap': zoneOverlap,
  'group-outside-zone': groupOutsideZone,
  'vlan-out-of-range': vlanOutOfRange,
  'vlan-duplicate': vlanDuplicate,
  'gateway-outside-subnet': gatewayOutsideSubnet,
  'pair-needs-fhrp': pairNeedsFhrp,
  'device-address-unusable': deviceAddressUnusable,
  'group-prefix-claimed-twice': groupPrefixClaimedTwice,
  'fqdn-claimed-twice': fqdnClaimedTwice,
  'unused-dns-entry': unusedDnsEntry,
  'external-address-in-zone': externalAddressInZone,
  'dns-stand-in-block': standInBlock,
  'ipv4-mapped-address': ipv4MappedAddress,
  'default-vlan': defaultVlan,
  'guardrail-violation': guardrailViolation,
  'redundant-flow': redundantFlow,
  'intra-zone-only': intraZoneOnly,
  'expired-flow': expiredFlow,
  'expiring-soon': expiringSoon,
  'medical-flow-unowned': medicalFlowUnowned,
  'same-source-destination': sameSourceDestination,
  'invalid-service': invalidService,
  'needless-exception': needlessException,
  'flow-allows-nothing': flowAllowsNothing,
  'infrastructure-forbidden': infrastructureForbidden,
  'relay-server-not-host': relayServerNotHost,
  'duplicate-exception': duplicateException,
  'expectation-failed': expectationFailed,
  'expectation-will-fail': expectationWillFail,
};
