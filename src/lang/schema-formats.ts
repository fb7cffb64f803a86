import { isCalendarDate } from '../model/expiry.js';
import { parseAddress, parsePrefix } from '../net/address.js';

export { isCalendarDate as isDate };

/** Names of zones, groups, services, enforcement points, ids and labels: they become vendor object names. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$';
/** Free text is one line: C0 and C1 controls and the Unicode line separators are refused. */
export const FREE_TEXT_PATTERN = '^[^\\u0000-\\u001F\\u007F-\\u009F\\u2028\\u2029]*$';
const SPEC_SHAPE = '[A-Za-z0-9]+/[A-Za-z0-9-]+(?:/[A-Za-z0-9-]+)?';
/** A service reference: a catalog or policy name, or an inline spec such as tcp/443 (checked in full later). */
export const SERVICE_REF_PATTERN = `^(?:[A-Za-z0-9][A-Za-z0-9_.-]{0,63}|${SPEC_SHAPE})$`;

const NAME = new RegExp(NAME_PATTERN);
const SPEC = new RegExp(`^${SPEC_SHAPE}$`);

export function isIpAddress(text: string): boolean {
  return parseAddress(text) !== undefined;
}

/** Address or prefix; host bits beyond the length are allowed here and reported by WL401. */
export function isIpPrefix(text: string): boolean {
  return !('error' in parsePrefix(text));
}

/** Shape only (`proto/port`, `proto/type/code`); ports, ranges and ICMP names are checked by WL508. */
export function isServiceSpec(text: string): boolean {
  return SPEC.test(text);
}

/** Text that looks like an address is held to being a valid one; anything else must be a name. */
export function looksLikeAddress(text: string): boolean {
  return text.includes(':') || text.includes('/') || /^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$/.test(text);
}

/** A group, zone, `label:NAME`, address or prefix, `external` or `any`; whether the name exists is checked later. */
export function isEndpointRef(text: string): boolean {
  if (text.startsWith('label:')) return NAME.test(text.slice('label:'.length));
  if (looksLikeAddress(text)) return isIpPrefix(text);
  return NAME.test(text);
}

/** Custom ajv formats; in the published JSON they are plain `format` keywords that editors may ignore. */
export const FORMATS: Record<string, (text: string) => boolean> = {
  'ip-address': isIpAddress,
  'ip-prefix': isIpPrefix,
  'service-spec': isServiceSpec,
  date: isCalendarDate,
  endpoint: isEndpointRef,
};

/** The formats as ajv definitions, for the compiler and for the code the build writes (write-validator.ts). */
export const FORMAT_DEFINITIONS: Record<string, { type: 'string'; validate: (text: string) => boolean }> = Object.fromEntries(
  Object.entries(FORMATS).map(([name, validate]) => [name, { type: 'string', validate }]),
);
