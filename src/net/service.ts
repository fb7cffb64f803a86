import { ICMP_TYPES, icmpTypeName, icmpTypeNumber } from './icmp-types.js';

export const ICMP = 1;
export const TCP = 6;
export const UDP = 17;
export const ICMPV6 = 58;
export const SCTP = 132;
export const PROTO_LAST = 255;
export const PORT_LAST = 65535;

/**
 * One service spec as written in the language. `lo`-`hi` is a range of the port dimension: the destination
 * port for tcp/udp/sctp, `type*256+code` for icmp/icmpv6, and always 0-65535 for every other protocol.
 */
export interface ServiceSpec {
  proto: number;
  lo: number;
  hi: number;
  text: string;
}

const PORTED: ReadonlyMap<string, number> = new Map([['tcp', TCP], ['udp', UDP], ['sctp', SCTP]]);
const ICMPS: ReadonlyMap<string, 1 | 58> = new Map([['icmp', ICMP], ['icmpv6', ICMPV6]] as const);
const NAMES: Readonly<Record<number, string>> = {
  [ICMP]: 'icmp',
  [TCP]: 'tcp',
  [UDP]: 'udp',
  [ICMPV6]: 'icmpv6',
  [SCTP]: 'sctp',
};

/** Whether the port dimension means something for this protocol (ports, or ICMP type and code). */
export function hasPortDimension(proto: number): boolean {
  return proto === TCP || proto === UDP || proto === SCTP || proto === ICMP || proto === ICMPV6;
}

/** Shape only (`word/thing` or `word/thing/thing`), so a schema can accept it and the parser can say what is wrong. */
export function isServiceSpecSyntax(text: string): boolean {
  return /^[A-Za-z][A-Za-z0-9]*\/[A-Za-z0-9-]+(\/[A-Za-z0-9-]+)?$/.test(text);
}

const SHAPES = 'tcp/443, udp/5000-5010, tcp/any, icmp/echo-request, icmp/3/4 or proto/50';

export function parseServiceSpec(text: string): ServiceSpec | { error: string } {
  const [name = '', ...rest] = text.split('/');
  if (rest.length === 0 || rest.includes('') || name === '') {
    return { error: `"${text}" is not a service spec: write protocol/port, e.g. ${SHAPES}` };
  }
  const lower = name.toLowerCase();
  if (lower !== name && (PORTED.has(lower) || ICMPS.has(lower) || lower === 'proto')) {
    return { error: `protocol names are lower case: write "${[lower, ...rest].join('/')}"` };
  }
  const ported = PORTED.get(name);
  if (ported !== undefined) return parsePorts(text, ported, rest);
  const icmp = ICMPS.get(name);
  if (icmp !== undefined) return parseIcmp(text, icmp, rest);
  if (name === 'proto') return parseProtoNumber(text, rest);
  return { error: `unknown protocol "${name}" in "${text}": use tcp, udp, sctp, icmp, icmpv6 or proto/NUMBER` };
}

const isDigits = (s: string) => /^[0-9]+$/.test(s);

function parsePorts(text: string, proto: number, rest: string[]): ServiceSpec | { error: string } {
  const name = NAMES[proto]!;
  if (rest.length > 1) {
    return { error: `"${text}" has too many parts: write ${name}/PORT, ${name}/LOW-HIGH or ${name}/any` };
  }
  const port = rest[0]!;
  if (port === 'any') return spec(proto, 0, PORT_LAST);
  const range = /^([0-9]+)(?:-([0-9]+))?$/.exec(port);
  if (!range) {
    return {
      error: `"${port}" in "${text}" is not a port: write a number 1-65535 (${name}/443), a range (${name}/8000-8080) or ${name}/any`,
    };
  }
  const [, loText = '', hiText = loText] = range;
  for (const digits of [loText, hiText]) {
    const n = Number(digits);
    if (n < 1 || n > PORT_LAST) {
      const anyHint = n === 0 ? ` (${name}/any means every port)` : '';
      return { error: `port ${digits} in "${text}" is out of range: ports are 1-65535${anyHint}` };
    }
  }
  const lo = Number(loText);
  const hi = Number(hiText);
  if (lo > hi) {
    const fixed = `${name}/${hi}-${lo}`;
    return { error: `port range ${loText}-${hiText} in "${text}" is backwards: write the low port first (${fixed})` };
  }
  return spec(proto, lo, hi);
}

function parseIcmp(text: string, proto: 1 | 58, rest: string[]): ServiceSpec | { error: string } {
  const name = NAMES[proto]!;
  const label = proto === ICMP ? 'ICMP' : 'ICMPv6';
  if (rest.length > 2) return { error: `"${text}" has too many parts: write ${name}/TYPE or ${name}/TYPE/CODE` };
  const [typeText = '', codeText] = rest;
  if (typeText === 'any') {
    if (codeText !== undefined) return { error: `"${text}" gives a code without a type: write ${name}/TYPE/CODE` };
    return spec(proto, 0, PORT_LAST);
  }
  let type = icmpTypeNumber(proto, typeText);
  if (type === undefined) {
    if (!isDigits(typeText)) return { error: unknownIcmpType(text, proto, typeText) };
    if (Number(typeText) > 255) return { error: `${label} type ${typeText} in "${text}" is out of range (0-255)` };
    type = Number(typeText);
  }
  if (codeText === undefined) return spec(proto, type * 256, type * 256 + 255);
  if (!isDigits(codeText)) return { error: `${label} code "${codeText}" in "${text}" is not a number 0-255` };
  if (Number(codeText) > 255) return { error: `${label} code ${codeText} in "${text}" is out of range (0-255)` };
  return spec(proto, type * 256 + Number(codeText), type * 256 + Number(codeText));
}

function unknownIcmpType(text: string, proto: 1 | 58, typeText: string): string {
  const label = proto === ICMP ? 'ICMP' : 'ICMPv6';
  const names = Object.keys(ICMP_TYPES[proto]).join(', ');
  const other = proto === ICMP ? ICMPV6 : ICMP;
  if (icmpTypeNumber(other, typeText) !== undefined) {
    const otherLabel = other === ICMP ? 'ICMP' : 'ICMPv6';
    return `"${typeText}" is an ${otherLabel} type, not an ${label} type, in "${text}": use a number 0-255 or one of ${names}`;
  }
  return `unknown ${label} type "${typeText}" in "${text}": use a number 0-255 or one of ${names}`;
}

function parseProtoNumber(text: string, rest: string[]): ServiceSpec | { error: string } {
  const [number = ''] = rest;
  if (rest.length > 1 || !isDigits(number)) {
    return { error: `"${text}" is not a protocol number: write proto/NUMBER with a number 1-254 (e.g. proto/50)` };
  }
  if (Number(number) > PROTO_LAST) return { error: `protocol number ${number} in "${text}" is out of range (0-255)` };
  const refused = UNMATCHABLE[Number(number)];
  if (refused !== undefined) {
    return { error: `protocol ${Number(number)} in "${text}" is ${refused}, not a protocol a filter matches the same way everywhere: name the protocol it carries (e.g. proto/50, udp/500)` };
  }
  return spec(Number(number), 0, PORT_LAST);
}

/**
 * Protocol numbers no rule can match as the simulator means them: 0 is read as "every protocol" by iptables (`-p 0`),
 * FortiOS (protocol-number 0) and IOS-style `permit 0`; IPv6 extension headers are skipped by Linux's `meta l4proto`
 * and ip6tables `-p`, so a rule for them matches nothing on one platform and the header on another; 255 is reserved.
 */
const UNMATCHABLE: Readonly<Record<number, string>> = {
  0: 'IPv6 hop-by-hop options (HOPOPT), which iptables, FortiOS and IOS read as every protocol',
  43: 'the IPv6 routing header',
  44: 'the IPv6 fragment header',
  59: 'IPv6 "no next header"',
  60: 'the IPv6 destination options header',
  135: 'the IPv6 mobility header',
  139: 'the HIP extension header',
  140: 'the Shim6 extension header',
  255: 'reserved (RFC 5237)',
};

function spec(proto: number, lo: number, hi: number): ServiceSpec {
  return { proto, lo, hi, text: formatServiceRange(proto, lo, hi) };
}

/** Canonical spec text for a range of one protocol's port dimension; a readable range where no spec says it. */
export function formatServiceRange(proto: number, lo: number, hi: number): string {
  const name = NAMES[proto];
  if (name === undefined) return `proto/${proto}`;
  if (lo === 0 && hi === PORT_LAST) return `${name}/any`;
  if (proto === TCP || proto === UDP || proto === SCTP) return lo === hi ? `${name}/${lo}` : `${name}/${lo}-${hi}`;
  const [loType, loCode, hiType, hiCode] = [lo >> 8, lo & 255, hi >> 8, hi & 255];
  if (loCode === 0 && hiCode === 255) {
    if (loType === hiType) return `${name}/${icmpTypeName(proto as 1 | 58, loType) ?? loType}`;
    return `${name}/${loType}-${hiType}`;
  }
  if (lo === hi) return `${name}/${loType}/${loCode}`;
  if (loType === hiType) return `${name}/${loType}/${loCode}-${hiCode}`;
  return `${name}/${loType}/${loCode}-${hiType}/${hiCode}`;
}

/** One packet's protocol and port for messages: `tcp/443`, `icmp/echo-request`, `icmp/3/4`, `proto/50`. */
export function formatProtoPort(proto: number, port: number): string {
  const name = NAMES[proto];
  if (name === undefined) return `proto/${proto}`;
  if (proto === TCP || proto === UDP || proto === SCTP) return `${name}/${port}`;
  const [type, code] = [port >> 8, port & 255];
  const typeName = icmpTypeName(proto as 1 | 58, type);
  return typeName !== undefined && code === 0 ? `${name}/${typeName}` : `${name}/${type}/${code}`;
}
