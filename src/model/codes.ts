import type { Severity } from './diagnostic.js';

export interface CodeInfo {
  name: string;
  severity: Severity;
  summary: string;
}

/**
 * Every diagnostic code wardline can emit. Codes are stable: never reuse or renumber one.
 * WL1xx YAML and input, WL2xx schema, WL3xx names and references, WL4xx addressing,
 * WL5xx flow logic, WL6xx expectations, WL7xx target limits.
 */
export const CODES: Record<string, CodeInfo> = {
  WL100: { name: 'unreadable-file', severity: 'error', summary: 'A policy file could not be read.' },
  WL101: { name: 'yaml-syntax', severity: 'error', summary: 'The file is not valid YAML.' },
  WL102: { name: 'yaml-warning', severity: 'warning', summary: 'The YAML parser warned about this construct.' },
  WL103: { name: 'duplicate-key', severity: 'error', summary: 'A mapping has the same key twice.' },
  WL104: { name: 'alias-refused', severity: 'error', summary: 'YAML anchors and aliases are not accepted in policies.' },
  WL105: { name: 'file-too-large', severity: 'error', summary: 'A policy file is larger than the size limit.' },
  WL106: { name: 'multiple-documents', severity: 'error', summary: 'A policy file holds more than one YAML document.' },
  WL107: { name: 'link-not-followed', severity: 'error', summary: 'A symbolic link in a policy directory points outside it or to nothing; it was not read.' },
  WL108: { name: 'unknown-tag', severity: 'error', summary: 'A YAML tag (!name) that wardline cannot resolve.' },
  WL201: { name: 'unknown-property', severity: 'error', summary: 'A key that the schema does not define.' },
  WL202: { name: 'missing-property', severity: 'error', summary: 'A key that the schema requires is missing.' },
  WL203: { name: 'wrong-type', severity: 'error', summary: 'A value has the wrong type.' },
  WL204: { name: 'invalid-value', severity: 'error', summary: 'A value does not have the required form.' },
  WL301: { name: 'undefined-reference', severity: 'error', summary: 'A reference to a name that is not defined.' },
  WL302: { name: 'duplicate-name', severity: 'error', summary: 'A name is defined twice.' },
  WL303: { name: 'unknown-platform', severity: 'error', summary: 'An enforcement point names a platform wardline does not know.' },
  WL304: { name: 'via-not-enforcement-point', severity: 'error', summary: "A zone's via is not an enforcement point." },
  WL305: { name: 'reserved-name', severity: 'error', summary: 'A zone, group or service uses a reserved name, or a name that reads as an address.' },
  WL306: { name: 'unused-label', severity: 'warning', summary: 'A label reference matches no zone or group.' },
  WL401: { name: 'host-bits-set', severity: 'error', summary: 'A prefix has bits set beyond its length.' },
  WL402: { name: 'zone-overlap', severity: 'error', summary: 'Two zones claim overlapping subnets.' },
  WL403: { name: 'group-outside-zone', severity: 'error', summary: "A group address lies outside its zone's subnets." },
  WL404: { name: 'vlan-out-of-range', severity: 'error', summary: 'A VLAN id is outside 1-4094.' },
  WL405: { name: 'vlan-duplicate', severity: 'error', summary: 'Two zones use the same VLAN id.' },
  WL406: { name: 'gateway-outside-subnet', severity: 'error', summary: "A gateway address lies outside the zone's subnets." },
  WL407: { name: 'group-prefix-claimed-twice', severity: 'error', summary: 'Two groups claim the same prefix.' },
  WL408: { name: 'ipv4-mapped-address', severity: 'warning', summary: 'An IPv4-mapped IPv6 address (::ffff:a.b.c.d), which IPv4 traffic never matches.' },
  WL409: { name: 'default-vlan', severity: 'warning', summary: 'A zone is on VLAN 1, the default VLAN.' },
  WL411: { name: 'pair-needs-fhrp', severity: 'error', summary: 'A zone routed by a pair or group of devices says no first-hop redundancy protocol for its gateway.' },
  WL412: { name: 'device-address-unusable', severity: 'error', summary: "A device of a pair or group has no usable address of its own beside a zone's gateway (the gateway + k)." },
  WL410: { name: 'relay-server-not-host', severity: 'error', summary: "A zone's dhcp-relay names something other than a few server addresses." },
  WL501: { name: 'guardrail-violation', severity: 'error', summary: 'A flow allows packets that a guardrail forbids.' },
  WL502: { name: 'redundant-flow', severity: 'warning', summary: 'Every packet of a flow is already allowed by other flows.' },
  WL503: { name: 'intra-zone-only', severity: 'warning', summary: 'An intent only intra-zone filtering could enforce.' },
  WL504: { name: 'expired-flow', severity: 'warning', summary: 'A flow is past its expiry date and is not rendered.' },
  WL505: { name: 'expiring-soon', severity: 'info', summary: 'A flow expires within the horizon (14 days, or check --horizon DAYS).' },
  WL506: { name: 'medical-flow-unowned', severity: 'warning', summary: 'A flow into a medical zone or group has no owner or why.' },
  WL507: { name: 'same-source-destination', severity: 'warning', summary: 'A flow has the same source and destination.' },
  WL508: { name: 'invalid-service', severity: 'error', summary: 'A port, port range, protocol or ICMP type is invalid.' },
  WL509: { name: 'needless-exception', severity: 'warning', summary: 'A guardrail exception names a flow that does not cross the guardrail.' },
  WL510: { name: 'flow-allows-nothing', severity: 'warning', summary: 'A flow allows no packet: its ends share no address family, or its services exist in none they share.' },
  WL511: { name: 'duplicate-exception', severity: 'warning', summary: 'A guardrail lists the same flow as an exception twice.' },
  WL512: { name: 'infrastructure-forbidden', severity: 'warning', summary: "A guardrail forbids part of a zone's infrastructure (its DHCP relay), so that part will not work." },
  WL601: { name: 'expectation-failed', severity: 'error', summary: 'An expectation of the policy does not hold.' },
  WL602: { name: 'expectation-will-fail', severity: 'warning', summary: 'An expectation that holds today fails once a flow expires within the horizon.' },
  WL701: { name: 'target-lacks-ipv6', severity: 'error', summary: "A zone needs IPv6 filtering that its enforcement point's platform cannot render." },
  WL702: { name: 'target-lacks-isolation', severity: 'error', summary: "A zone asks for port isolation that its enforcement point's platform cannot render." },
  WL703: { name: 'zone-needs-vlan', severity: 'error', summary: 'A zone routed by a switch has no VLAN id for its SVI.' },
  WL704: { name: 'target-lacks-logging', severity: 'error', summary: "An intent asks for logging that its enforcement point's platform cannot render." },
  WL705: { name: 'target-lacks-established', severity: 'error', summary: 'A stateless platform cannot match replies of TCP connections.' },
  WL706: { name: 'target-lacks-port-match', severity: 'error', summary: "An intent needs ports of a protocol that its enforcement point's platform cannot match ports of." },
  WL707: { name: 'zone-needs-interface', severity: 'error', summary: "A zone's interface cannot be named on its enforcement point's platform (no vlan, no interface, a name too long, or another zone's)." },
  WL708: { name: 'target-decides-link', severity: 'error', summary: "A zone asks its gateway to answer or refuse what its enforcement point's platform decides itself." },
  WL710: { name: 'target-lacks-pair', severity: 'error', summary: "A zone's gateway on a pair or group of devices uses a first-hop redundancy protocol or family its platform's pairs do not render." },
  WL709: { name: 'target-mixes-families', severity: 'error', summary: "An IPv6 rule would also decide IPv4 packets on its enforcement point's platform." },
  WL711: { name: 'over-capacity', severity: 'error', summary: "An enforcement point's configuration needs more entries of a hardware resource (ACL entries, rules, objects) than its budget." },
  WL712: { name: 'unknown-capacity', severity: 'error', summary: "An enforcement point's capacity names a resource its platform does not count, or a budget below 1." },
};
