import { PLATFORMS } from '../model/policy.js';
import { LONGEST_REFERENCE } from '../model/references.js';
import { description, endpoints, flag, freeText, identifier, labels, list, mode, NAME_MAX, owner, record, type JsonSchema } from './schema-fields.js';

function prefix(title: string, about: string): JsonSchema {
  return { title, description: about, type: 'string', format: 'ip-prefix', maxLength: LONGEST_REFERENCE, examples: ['10.20.0.0/22', 'fd00:20::/64'] };
}

export const zone = record(
  'Zone',
  'A network segment: where things live.',
  {
    vlan: { title: 'VLAN id', description: 'The VLAN id of this zone, 1-4094, unique in the policy.', type: 'integer', examples: [120] },
    subnets: list('Subnets', 'The IPv4 and/or IPv6 prefixes of this zone.', prefix('Subnet', 'One prefix of this zone.'), [['10.20.0.0/22', 'fd00:20::/64']]),
    gateway: {
      title: 'Gateway',
      description: 'The SVI or interface addresses of this zone: one address or a list.',
      type: ['string', 'array'],
      format: 'ip-address',
      maxLength: LONGEST_REFERENCE,
      minItems: 1,
      items: { title: 'Gateway address', description: 'One gateway address.', type: 'string', format: 'ip-address', maxLength: LONGEST_REFERENCE, examples: ['10.20.0.1'] },
      examples: ['10.20.0.1', ['10.20.0.1', 'fd00:20::1']],
    },
    via: identifier('Via', 'The enforcement point that routes this zone.', ['core-sw1']),
    interface: {
      title: 'Interface',
      description: "The zone's interface on its enforcement point, where the platform names interfaces (Linux routers, firewalls); default: from the VLAN, as each platform names it.",
      type: 'string',
      pattern: '^[A-Za-z][A-Za-z0-9_./:-]{0,31}$',
      examples: ['eth1.140', 'vlan140', 'ethernet1/1.140'],
    },
    labels: labels('zone'),
    isolation: flag('Port isolation', 'Whether hosts in this zone are kept from reaching each other (port isolation).'),
    mode: mode('zone', 'the policy (by default, not by a guardrail) for traffic from or to this zone'),
    infrastructure: record(
      'Infrastructure',
      "What the zone's gateway provides its hosts beyond the flows: DHCP relay, first-hop redundancy, IPv6 neighbour discovery, ICMP errors. Omitted keys take their defaults.",
      {
        'dhcp-relay': endpoints('DHCP relay', 'The DHCP servers the gateway relays the zone\'s DHCP to: groups, zones or addresses, one or a list. Omitted: no relay.', ['dhcp-servers']),
        fhrp: {
          title: 'First-hop redundancy',
          description: 'The protocol the gateway devices of this zone keep their shared address with: vrrp, hsrp, varp (Arista), vsx (AOS-CX active gateway) or none (the default). A zone routed by a pair of devices needs one.',
          type: 'string',
          pattern: '^(vrrp|hsrp|varp|vsx|none)$',
          examples: ['vrrp', 'hsrp', 'varp', 'vsx', 'none'],
        },
        'ipv6-nd': flag('IPv6 neighbour discovery', 'Whether hosts may do router and neighbour discovery and MLD with the gateway (IPv6 zones); default true.'),
        'icmp-errors': flag('ICMP errors', 'Whether ICMP errors (unreachable, packet too big, time exceeded) pass to and from the zone; default true.'),
      },
      [],
    ),
    description: description('zone'),
  },
  ['subnets', 'via'],
);

export const group = record(
  'Group',
  'A device class or server set: what things are.',
  {
    zone: identifier('Zone', 'The zone this group lives in.', ['ward-devices']),
    addresses: list('Addresses', 'The addresses or prefixes of this group; omitted, the group is the whole zone.', prefix('Address', 'One address or prefix of this group.'), [['10.20.1.0/24']]),
    owner: owner('group'),
    manufacturer: freeText('Manufacturer', 'Who makes the devices of this group.', ['Example Medical']),
    model: freeText('Model', 'The device model of this group.', ['Infusomat Space']),
    description: description('group'),
    labels: labels('group'),
    identities: record(
      'Identities',
      "Which devices are this group's, as network access control (RADIUS: MAB, 802.1X) names them; the NAC points put them in the zone's VLAN. The most specific claim wins: a MAC over an OUI.",
      {
        macs: list('MAC addresses', 'Devices by MAC address (MAC authentication bypass): 00:1b:44:11:3a:b7, 00-1B-44-11-3A-B7 or 001b.4411.3ab7.', { title: 'MAC address', description: 'One MAC address.', type: 'string', maxLength: 32, examples: ['00:1b:44:11:3a:b7'] }, [['00:1b:44:11:3a:b7']]),
        ouis: list('OUIs', "Devices by their manufacturer's block of MAC addresses: the first three bytes, 00:1b:44.", { title: 'OUI', description: 'One OUI.', type: 'string', maxLength: 16, examples: ['00:1b:44'] }, [['00:1b:44']]),
        dot1x: list('802.1X identities', 'Devices by their 802.1X (EAP) identity, exact.', freeText('802.1X identity', 'One identity.', ['pump-4e-017@biomed.example.org']), [['pump-4e-017@biomed.example.org']]),
        certificates: list('Certificate subjects', 'Devices by the subject of their EAP-TLS certificate, exact.', freeText('Certificate subject', 'One subject.', ['CN=pump-4e-017,O=Example Medical']), [['CN=pump-4e-017,O=Example Medical']]),
        'mud-url': { title: 'MUD URL', description: "The device's Manufacturer Usage Description URL (RFC 8520), as its DHCP or LLDP option gives it.", type: 'string', maxLength: 512, pattern: '^https://', examples: ['https://mud.example.com/pump.json'] },
      },
      [],
    ),
  },
  ['zone'],
);

/**
 * A DNS name: dot-separated labels of letters, digits, hyphens (and underscores, which service names use), at least
 * two labels, 253 characters at most, a final dot allowed. No wildcard: no platform matches one the same way.
 */
export const FQDN_PATTERN = '^(?=.{1,254}$)([A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.?$';

function fqdn(title: string, description: string): JsonSchema {
  return { title, description, type: 'string', pattern: FQDN_PATTERN, maxLength: 254, examples: ['tech.carematix.com'] };
}

function addressList(title: string, description: string): JsonSchema {
  const one = prefix('Address', 'One address or prefix.');
  return { ...one, title, description, type: ['string', 'array'], minItems: 1, items: one, examples: ['203.0.113.10', ['203.0.113.10', '2001:db8:113::10']] };
}

export const external = record(
  'External',
  'An endpoint outside every zone known by its DNS name: a vendor cloud, a MUD profile\'s server. Firewalls with FQDN objects match the name itself; other platforms need its addresses, from addresses: or a dns: entry (a file given with --resolve).',
  {
    fqdn: fqdn('DNS name', 'The name the devices resolve, such as tech.carematix.com.'),
    addresses: addressList('Addresses', 'What the name resolves to, when the policy pins it: one address or prefix, or a list. Omitted: a dns: entry may give them; with none, only platforms with FQDN objects can match the name.'),
    owner: owner('external endpoint'),
    description: description('external endpoint'),
    labels: labels('external endpoint'),
  },
  ['fqdn'],
);

/** `dns:`: DNS names to addresses, as a resolver answered them (a file given with --resolve, or any policy file). */
export const dns: JsonSchema = {
  title: 'DNS',
  description: 'What DNS names resolve to: each name (the fqdn of an external) to one address or prefix, or a list. Platforms that match addresses only use these for the name; the simulator answers with them.',
  type: ['object', 'null'],
  propertyNames: fqdn('DNS name', 'A name some external endpoint has as its fqdn.'),
  additionalProperties: addressList('Addresses', 'What the name resolves to.'),
};

export const unknownDevices = record(
  'Unknown devices',
  "What network access control does with a device no group's identities claim: put it in a zone's VLAN (a quarantine or registration zone), or reject it.",
  {
    zone: identifier('Zone', 'The zone whose VLAN unknown devices are put in.', ['quarantine']),
    reject: flag('Reject', 'Reject unknown devices instead (no VLAN at all).'),
  },
  [],
);

export const service = list(
  'Service',
  'The protocol/port specs of this service.',
  { title: 'Service spec', description: 'One spec: tcp/443, udp/5000-5010, tcp/any, icmp/echo-request, icmp/3/4, icmpv6/135 or proto/50.', type: 'string', format: 'service-spec', maxLength: LONGEST_REFERENCE, examples: ['tcp/443', 'udp/5000-5010', 'icmp/echo-request', 'proto/50'] },
  [['tcp/443', 'tcp/8443']],
);

/** Every resource a bundled platform counts (a test holds this to the targets' own lists), and whose it is. */
export const CAPACITY_RESOURCES: [string, string][] = [
  ['acl-entries', 'security ACL entries, both directions (cisco-ios)'],
  ['acl-entries-in', 'ingress ACL entries (arista-eos, aruba-aoscx)'],
  ['acl-entries-out', 'egress ACL entries (arista-eos, aruba-aoscx)'],
  ['filter-entries-in', 'ingress firewall filter entries (juniper-junos)'],
  ['filter-entries-out', 'egress firewall filter entries (juniper-junos)'],
  ['acl-rules-in', 'ingress ACL rules (extreme-exos)'],
  ['acl-rules-out', 'egress ACL rules (extreme-exos)'],
  ['security-rules', 'security rules (paloalto-panos)'],
  ['address-objects', 'address objects (paloalto-panos)'],
  ['address-groups', 'address groups (paloalto-panos)'],
  ['firewall-policies', 'firewall policies (fortinet-fortios)'],
  ['firewall-addresses', 'firewall addresses (fortinet-fortios)'],
  ['firewall-addrgrps', 'firewall address groups (fortinet-fortios)'],
  ['rules', 'rules (linux-nftables, linux-iptables)'],
];

export const enforcementPoint = record(
  'Enforcement point',
  'A device that receives configuration.',
  {
    platform: { title: 'Platform', description: 'The platform of this device, which decides the configuration syntax.', type: 'string', maxLength: NAME_MAX, examples: [...PLATFORMS] },
    description: description('enforcement point'),
    mode: mode('enforcement point', 'the policy (by default, not by a guardrail) for traffic from or to every zone this point routes'),
    'role-attribute': {
      title: 'Role attribute',
      description: "A network access control point (platform freeradius): how its RADIUS answers name the device's role (the group's role name: its name where that is a valid ACL name on every platform): filter-id (Filter-Id = the role), extreme (Filter-Id = Enterasys:version=1:policy=the role, ExtremeControl), aruba (Aruba-User-Role), cisco-dacl (the role's downloadable ACL, its IPv4 access as Cisco-AVPair ip:inacl entries for the device's port). Default filter-id.",
      type: 'string',
      pattern: '^(filter-id|extreme|aruba|cisco-dacl)$',
      examples: ['filter-id', 'extreme', 'aruba', 'cisco-dacl'],
    },
    devices: {
      ...list(
        'Devices',
        "The devices of a redundant pair or group this point is (MLAG peers, a VSX pair, a VRRP group): each gets its own configuration file, its own address in every zone (the k-th device takes the gateway address + k) and the zone's gateway as a virtual address kept by the zone's fhrp.",
        identifier('Device', 'One device of the pair or group: its output folder.', ['dc-leaf-1']),
        [['dc-leaf-1', 'dc-leaf-2']],
      ),
      minItems: 2,
      maxItems: 8,
      uniqueItems: true,
    },
    capacity: {
      title: 'Capacity',
      description:
        "Budgets for this device's hardware resources, overriding its platform's defaults (README: capacity). Each key is a resource its platform counts, each value a whole number of entries.",
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(
        CAPACITY_RESOURCES.map(([name, platforms]) => [name, { title: name, description: `Budget of ${platforms}.`, type: 'integer', examples: [4096] }]),
      ),
      examples: [{ 'acl-entries-in': 8192, 'acl-entries-out': 2048 }],
    },
  },
  ['platform'],
);
