import type { AclLine, PortRange, ReplyMatch, RoleAcl, ServiceMatch } from '../../src/compile/ir.js';

/**
 * A role's downloadable ACL as Cisco IOS access entries: what a FreeRADIUS answer carries, one per `Cisco-AVPair +=
 * "ip:inacl#N=ENTRY"` (targets/freeradius), and the content of a Cisco ISE downloadable ACL (targets/cisco-ise).
 * Syntax relied on (Cisco IOS/ASA AV-pair rules: ip:inacl#N= then an extended entry, ACTION PROTOCOL SOURCE [WILDCARD]
 * DESTINATION [WILDCARD] [established] [OPERATOR PORT], N unique; Catalyst 802.1X guides, per-user ACL by Cisco RADIUS
 * AV pairs from a third-party server): addresses `any`, `host A` or `A WILDCARD`; ports `eq N` or `range N M`; ICMP
 * `TYPE [CODE]`; `established` for TCP replies. A per-user ACL on a Catalyst port keeps a specific source address (the
 * switch rewrites only `any` to the host's address: Cisco TAC 119374, 802.1x DACL, Per-User ACL, Filter-ID and Device
 * Tracking Behavior), so entries name the group's own addresses. No `log`: it is not part of every platform's per-user
 * syntax. What IOS IPv4 entries cannot match (SCTP ports, protocol 0) fails closed: a permit is left out, a deny widened.
 */
export interface DaclEntries {
  entries: string[];
  /** What could not be spelled, one note each (the answer's comment says it). */
  unrendered: string[];
}

export function daclEntries(acl: RoleAcl): DaclEntries {
  const prefixes = new Map(acl.objects.map((o) => [o.name, o.prefixes]));
  const terms = (name: string) => (name === 'any' ? ['any'] : prefixes.get(name)!.map(addressTerm));
  const out: DaclEntries = { entries: [], unrendered: [] };
  for (const line of acl.lines) {
    const bodies = line.reply ? replyBodies(line.reply) : serviceBodies(line.service ?? { proto: 'any' });
    if (typeof bodies === 'string') {
      if (line.action === 'permit') out.unrendered.push(`${bodies}: not rendered, denied`);
      else out.unrendered.push(`${bodies}: denied for the whole protocol`);
      if (line.action === 'permit') continue;
    }
    const shapes = typeof bodies === 'string' ? [{ proto: protocolWord(protoOf(line)), srcPorts: '', rest: '' }] : bodies;
    for (const src of terms(line.src)) {
      for (const dst of terms(line.dst)) {
        for (const b of shapes) out.entries.push(`${line.action} ${b.proto} ${src}${b.srcPorts} ${dst}${b.rest}`);
      }
    }
  }
  return out;
}

interface Shape {
  proto: string;
  /** After the source: ` eq 443` (replies from a service port). */
  srcPorts: string;
  /** After the destination: ` eq 443`, ` 8`, ` established`. */
  rest: string;
}

const TCP = 6;
const UDP = 17;
const ICMP = 1;

function serviceBodies(s: ServiceMatch): Shape[] | string {
  if (s.proto === 0) return 'protocol 0 (IOS reads 0 as ip, every protocol)';
  const proto = protocolWord(s.proto);
  if (s.proto !== 'any' && s.ports) {
    if (s.proto !== TCP && s.proto !== UDP) return `protocol ${s.proto} ports`;
    return s.ports.map((r) => ({ proto, srcPorts: '', rest: ` ${portOperator(r)}` }));
  }
  if (s.icmp) {
    if (s.proto !== ICMP) return `ICMP types of protocol ${s.proto}`;
    return s.icmp.map((m) => ({ proto, srcPorts: '', rest: ` ${m.type}${m.code === undefined ? '' : ` ${m.code}`}` }));
  }
  return [{ proto, srcPorts: '', rest: '' }];
}

function replyBodies(r: ReplyMatch): Shape[] | string {
  switch (r.kind) {
    case 'tcp-established':
      return r.srcPorts.map((p) => ({ proto: 'tcp', srcPorts: ` ${portOperator(p)}`, rest: ' established' }));
    case 'mirrored-ports':
      if (r.proto !== TCP && r.proto !== UDP) return `protocol ${r.proto} source ports`;
      return r.srcPorts.map((p) => ({ proto: protocolWord(r.proto), srcPorts: ` ${portOperator(p)}`, rest: '' }));
    case 'icmp-echo-reply':
      return [{ proto: 'icmp', srcPorts: '', rest: ' 0' }];
    case 'reverse-protocol':
      if (r.proto === 0) return 'protocol 0 (IOS reads 0 as ip, every protocol)';
      return [{ proto: protocolWord(r.proto), srcPorts: '', rest: '' }];
  }
}

function protoOf(line: AclLine): number | 'any' {
  const proto = line.service?.proto ?? (line.reply && 'proto' in line.reply ? line.reply.proto : 'any');
  return proto === 0 ? 'any' : proto;
}

function protocolWord(proto: number | 'any'): string {
  if (proto === 'any') return 'ip';
  return proto === TCP ? 'tcp' : proto === UDP ? 'udp' : proto === ICMP ? 'icmp' : String(proto);
}

const portOperator = (r: PortRange) => (r.lo === r.hi ? `eq ${r.lo}` : `range ${r.lo} ${r.hi}`);

/** `host 10.20.1.5`, `10.20.1.0 0.0.0.255` (a wildcard: the inverse of the mask), or `any` for 0.0.0.0/0. */
function addressTerm(prefix: string): string {
  const [address, len] = prefix.split('/') as [string, string];
  const length = Number(len);
  if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(address) || !(length >= 0 && length <= 32)) throw new Error(`freeradius: not an IPv4 prefix in the IR: ${prefix}`);
  if (length === 0) return 'any';
  if (length === 32) return `host ${address}`;
  const wildcard = 2 ** (32 - length) - 1;
  return `${address} ${[24, 16, 8, 0].map((s) => (wildcard >>> s) & 0xff).join('.')}`;
}
