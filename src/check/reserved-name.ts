import { diagnostic, type Diagnostic } from '../model/diagnostic.js';
import type { ExternalName, Group, Service, Zone } from '../model/policy.js';
import { looksLikeAddress } from '../lang/schema-formats.js';
import type { Check } from './check.js';

/** Words an endpoint or service reference reads as itself, so no definition may take them. */
/** Maps, not objects: a name such as `constructor` or `toString` is an ordinary name, not a property of Object. */
const ENDPOINT_WORDS = new Map([['any', 'every address'], ['external', 'every address in no zone']]);
const SERVICE_WORDS = new Map([['any', 'every protocol and port']]);

export const reservedName: Check = {
  code: 'WL305',
  name: 'reserved-name',
  severity: 'error',
  description: 'A zone, group, external or service uses a reserved name, or a name that reads as an address.',
  run: ({ policy }) => [
    ...[...policy.zones.values(), ...policy.groups.values(), ...policy.externals.values()].flatMap(endpointName),
    ...[...policy.services.values()].flatMap(serviceName),
  ],
};

function endpointName(x: Zone | Group | ExternalName): Diagnostic[] {
  const meaning = ENDPOINT_WORDS.get(x.name);
  if (meaning !== undefined) {
    return [
      diagnostic('WL305', 'error', `"${x.name}" is reserved and cannot name ${x.kind === 'external' ? 'an' : 'a'} ${x.kind}`, x.loc, {
        hint: `"${x.name}" always means ${meaning}; choose another name.`,
      }),
    ];
  }
  // A reference `10.0.0.1` means that address, so a zone or group of that name could never be referred to.
  if (!looksLikeAddress(x.name)) return [];
  return [
    diagnostic('WL305', 'error', `${x.kind} name "${x.name}" reads as an address, so a reference to it would mean the address`, x.loc, {
      hint: `Choose a name that is not four dot-separated numbers, like "${x.kind}-${x.name.replaceAll('.', '-')}".`,
    }),
  ];
}

function serviceName(s: Service): Diagnostic[] {
  const meaning = SERVICE_WORDS.get(s.name);
  if (s.standard || meaning === undefined) return [];
  return [
    diagnostic('WL305', 'error', `"${s.name}" is reserved and cannot name a service: "services: [${s.name}]" means ${meaning}`, s.loc, {
      hint: `Choose another name for this service, like "${s.name}-app".`,
    }),
  ];
}
