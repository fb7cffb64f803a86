import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../../src/lang/load-policy.js';
import { portRanges } from '../../src/mud/ace-connection.js';
import { readMud } from '../../src/mud/mud-document.js';
import { flowsOf, imported, mudJson } from './mud-builder.js';

const tcpOut = (name: string, port: number, peer: Record<string, unknown> = {}, l4: Record<string, unknown> = {}) => ({ name, matches: { ipv4: { protocol: 6, ...peer }, tcp: { 'destination-port': { operator: 'eq', port }, ...l4 } } });
const tcpBack = (name: string, port: number, peer: Record<string, unknown> = {}, l4: Record<string, unknown> = {}) => ({ name, matches: { ipv4: { protocol: 6, ...peer }, tcp: { 'source-port': { operator: 'eq', port }, ...l4 } } });
const mud = (m: Record<string, unknown>) => ({ 'ietf-mud:mud': m });

describe('the RFC 8519 final form and the drafts', () => {
  it('reads ietf-access-control-list:acls and :access-lists alike', () => {
    for (const container of ['acls', 'access-lists'] as const) {
      const r = imported(mudJson([tcpOut('out', 443, { 'destination-ipv4-network': '203.0.113.0/24' })], [], { container }));
      expect(r.problems).toEqual([]);
      expect(flowsOf(r.yaml)).toEqual(['pumps -> "203.0.113.0/24" [https]']);
    }
  });

  it('refuses a file that is not JSON, with file:line:col', () => {
    expect(() => readMud('bad.json', '{\n  "ietf-mud:mud": {\n    "mud-url": x\n')).toThrow('bad.json:3:16: not valid JSON: expected a JSON value, found "x"');
    expect(() => readMud('bad.json', '{"a": "never closed')).toThrow(/bad\.json:1:20: not valid JSON: a string that is never closed/);
    expect(() => readMud('bad.json', '[]')).toThrow(/bad\.json:1:1: not a MUD file/);
    expect(() => readMud('deep.json', '['.repeat(100_000))).toThrow(/nested more than 256 deep/);
  });
});

describe('direction-initiated and replies', () => {
  it('a connection the device opens is one flow, its replies named in it, not a second flow', () => {
    const r = imported(mudJson([tcpOut('out', 8777, { 'destination-ipv4-network': '198.51.100.7/32' }, { 'ietf-mud:direction-initiated': 'from-device' })], [tcpBack('back', 8777, { 'source-ipv4-network': '198.51.100.7/32' }, { 'ietf-mud:direction-initiated': 'from-device' })]));
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['pumps -> "198.51.100.7/32" [tcp/8777]']);
    expect(r.yaml).toContain('# replies: device.json:');
    expect(r.yaml).toContain('replies to/back');
  });

  it('a connection the peer opens (to-device, direction-initiated to-device) is a flow to the group', () => {
    const r = imported(mudJson([tcpBack('reply', 22, { 'destination-ipv4-network': '10.9.0.0/24' })], [tcpOut('in', 22, { 'source-ipv4-network': '10.9.0.0/24' }, { 'ietf-mud:direction-initiated': 'to-device' })]));
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['"10.9.0.0/24" -> pumps [ssh]']);
  });

  it('replies whose connection no ACE allows are reported, not widened into a flow', () => {
    const r = imported(mudJson([], [tcpBack('orphan', 443, { 'source-ipv4-network': '192.0.2.1/32' })]));
    expect(r.problems.map((p) => p.reason)).toEqual([expect.stringContaining('matches only the replies of connections from the device to 192.0.2.1/32 on tcp/443')]);
    expect(flowsOf(r.yaml)).toEqual([]);
  });

  it('an echo reply joins the echo request of the other direction', () => {
    const r = imported(mudJson([{ name: 'ping', matches: { ipv4: { protocol: 1 }, icmp: { type: 8, code: 0 } } }], [{ name: 'pong', matches: { ipv4: { protocol: 1 }, icmp: { type: 0, code: 0 } } }]));
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['pumps -> "0.0.0.0/0" [icmp/8/0]']);
  });
});

describe('port operators', () => {
  it.each([
    [{ operator: 'eq', port: 443 }, [[443, 443]]],
    [{ port: 80 }, [[80, 80]]],
    [{ operator: 'neq', port: 23 }, [[1, 22], [24, 65535]]],
    [{ operator: 'lt', port: 1024 }, [[1, 1023]]],
    [{ operator: 'lte', port: 1024 }, [[1, 1024]]],
    [{ operator: 'gt', port: 1023 }, [[1024, 65535]]],
    [{ operator: 'gte', port: 49152 }, [[49152, 65535]]],
    [{ 'lower-port': 5000, 'upper-port': 5010 }, [[5000, 5010]]],
    [{ operator: 'ietf-packet-fields:eq', port: 8 }, [[8, 8]]],
  ])('%j', (match, ranges) => {
    expect(portRanges(match)).toEqual({ ranges });
  });

  it.each([{ operator: 'eq', port: 0 }, { operator: 'lt', port: 1 }, { operator: 'like', port: 5 }, { 'lower-port': 9, 'upper-port': 3 }, { port: 70000 }])('refuses %j', (match) => {
    expect(portRanges(match)).toHaveProperty('reason');
  });

  it('writes ranges and neq as services', () => {
    const r = imported(mudJson([{ name: 'r', matches: { ipv4: { protocol: 17 }, udp: { 'destination-port': { 'lower-port': 5000, 'upper-port': 5010 } } } }, { name: 'n', matches: { ipv4: { protocol: 6 }, tcp: { 'destination-port': { operator: 'neq', port: 23 } } } }], []));
    expect(flowsOf(r.yaml)).toEqual(['pumps -> "0.0.0.0/0" [udp/5000-5010]', 'pumps -> "0.0.0.0/0" [tcp/1-22, tcp/24-65535]']);
  });
});

describe('abstractions', () => {
  const policy = loadPolicy([{ path: 'p.yaml', text: 'wardline: 1\nzones:\n  ward: { subnets: [10.0.0.0/24], via: sw }\n  dc: { subnets: [10.1.0.0/24], via: sw }\ngroups:\n  old-pumps: { zone: ward, addresses: [10.0.0.0/28], manufacturer: example infusion systems }\n  monitors: { zone: ward, addresses: [10.0.0.16/28], manufacturer: Other }\n  vendor: { zone: dc, manufacturer: example.com }\nenforcement:\n  sw: { platform: cisco-ios }\n' }], { today: '2026-01-01' }).policy;
  const one = (m: Record<string, unknown>, req: Parameters<typeof imported>[1] = {}) => imported(mudJson([{ name: 'a', matches: { ...mud(m), ipv4: { protocol: 6 }, tcp: { 'destination-port': { operator: 'eq', port: 443 } } } }], []), req);

  it.each([
    ['controller', { controller: 'urn:ietf:params:mud:dns' }, ['controller:urn:ietf:params:mud:dns=dns-servers'], 'dns-servers'],
    ['controller, every URI', { controller: 'https://example.com/ctl' }, ['controller=ctl-servers'], 'ctl-servers'],
    ['my-controller', { 'my-controller': [null] }, ['my-controller=pump-server'], 'pump-server'],
    ['local-networks', { 'local-networks': [null] }, ['local-networks=label:internal'], '"label:internal"'],
    ['same-manufacturer', { 'same-manufacturer': [null] }, ['same-manufacturer=peers'], 'peers'],
    ['manufacturer', { manufacturer: 'example.org' }, ['manufacturer:example.org=others'], 'others'],
    ['model', { model: 'https://example.org/x' }, ['model=x-devices'], 'x-devices'],
  ])('%s by --map', (_, m, maps, endpoint) => {
    const r = one(m, { maps });
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual([`pumps -> ${endpoint} [https]`]);
    expect(r.unusedMaps).toEqual([]);
  });

  it.each([
    ['controller', { controller: 'urn:ietf:params:mud:dns' }, '--map controller:urn:ietf:params:mud:dns=ENDPOINT'],
    ['my-controller', { 'my-controller': [null] }, '--map my-controller=ENDPOINT'],
    ['local-networks', { 'local-networks': [null] }, '--policy PATH, or --map local-networks=ENDPOINT'],
    ['same-manufacturer', { 'same-manufacturer': [null] }, '--policy PATH'],
    ['manufacturer', { manufacturer: 'example.org' }, '--policy PATH'],
    ['model', { model: 'https://example.org/x' }, '--map model:https://example.org/x=ENDPOINT'],
  ])('%s unmapped is reported with what to give', (_, m, hint) => {
    const r = one(m);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.reason).toContain(hint);
    expect(flowsOf(r.yaml)).toEqual([]);
  });

  it('local-networks are the policy zones; manufacturers are matched by the groups of the policy', () => {
    expect(flowsOf(one({ 'local-networks': [null] }, { policy }).yaml)).toEqual(['pumps -> [dc, ward] [https]']);
    expect(flowsOf(one({ 'same-manufacturer': [null] }, { policy }).yaml)).toEqual(['pumps -> [pumps, old-pumps, vendor] [https]']);
    expect(flowsOf(one({ manufacturer: 'EXAMPLE.COM' }, { policy }).yaml)).toEqual(['pumps -> [pumps, vendor] [https]']);
    expect(one({ manufacturer: 'nobody.example' }, { policy }).problems.filter((p) => p.counts)[0]!.reason).toContain('no group of the policy has that manufacturer');
  });

  it('model of the imported MUD URL is the group itself', () => {
    expect(flowsOf(one({ model: 'https://example.com/pump' }).yaml)).toEqual(['pumps -> pumps [https]']);
  });

  it('reports a --map no ACE used', () => {
    expect(one({ 'my-controller': [null] }, { maps: ['my-controller=x', 'controller=y'] }).unusedMaps).toEqual(['controller']);
  });
});

describe('DNS names', () => {
  const dnsOut = (name: string, dnsname: string, port = 443) => tcpOut(name, port, { 'ietf-acldns:dst-dnsname': dnsname });
  const dnsBack = (name: string, dnsname: string, port = 443) => tcpBack(name, port, { 'ietf-acldns:src-dnsname': dnsname });
  const definitions = (yaml: string) => loadPolicy([{ path: 'i.yaml', text: yaml }], { today: '2026-01-01' }).policy.externals;

  it('each name is an external named after it, the flow goes to it; names compare as DNS does', () => {
    const r = imported(mudJson([dnsOut('cloud', 'Cloud.Example.com.')], [dnsBack('cloud-back', 'cloud.example.com')]));
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['pumps -> cloud-example-com [https]']);
    expect(r.yaml).toContain('externals:\n  cloud-example-com:\n    fqdn: "cloud.example.com"\n    description: "DNS name from MUD https://example.com/pump"\n');
    expect(r.yaml).toContain('replies to/cloud-back');
    const [external, ...more] = [...definitions(r.yaml).values()];
    expect(more).toEqual([]);
    expect(external).toMatchObject({ name: 'cloud-example-com', fqdn: { value: 'cloud.example.com' }, description: 'DNS name from MUD https://example.com/pump' });
  });

  it('a connection a named peer opens is a flow from its external', () => {
    const r = imported(mudJson([tcpBack('back', 8443, { 'ietf-acldns:dst-dnsname': 'relay.example.net' }, { 'ietf-mud:direction-initiated': 'to-device' })], [tcpOut('in', 8443, { 'ietf-acldns:src-dnsname': 'relay.example.net' }, { 'ietf-mud:direction-initiated': 'to-device' })]));
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['relay-example-net -> pumps [tcp/8443]']);
  });

  it('names stay distinct, valid and within 64 characters: from the group, from each other, long and odd names', () => {
    const long = `${'a'.repeat(40)}.${'b'.repeat(40)}.example`;
    const r = imported(
      mudJson([dnsOut('a', 'pumps.example'), dnsOut('b', 'x-y.example'), dnsOut('c', 'x.y-example'), dnsOut('d', long), dnsOut('e', '_svc.pumps.example'), dnsOut('f', 'pumps-example.2')], []),
      { group: 'pumps-example' },
    );
    // The last is no DNS name (its top label a number): reported, not written.
    expect(r.problems.map((p) => `${p.where}: ${p.reason}`)).toEqual([expect.stringMatching(/^acl "from" ace "f": DNS name "pumps-example.2" is not one an external can have .*give --map pumps-example.2=ENDPOINT$/)]);
    const externals = definitions(r.yaml);
    const names = [...externals.keys()];
    // In name order: the long one keeps its start and a hash of the whole; then the group's name taken; a leading underscore dropped; a clash of two.
    expect(names[0]).toMatch(/^a{40}-b{14}-[0-9a-f]{8}$/);
    expect(names.slice(1)).toEqual(['pumps-example-2', 'svc-pumps-example', 'x-y-example', 'x-y-example-2']);
    expect(names.every((n) => n.length <= 64 && /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/.test(n))).toBe(true);
    expect(externals.get('pumps-example-2')!.fqdn.value).toBe('pumps.example');
    expect(externals.get('x-y-example')!.fqdn.value).toBe('x-y.example');
    expect(externals.get('x-y-example-2')!.fqdn.value).toBe('x.y-example');
    expect(flowsOf(r.yaml)).toContain('pumps-example -> pumps-example-2 [https]');
  });

  it('with --policy: its external of the name is the endpoint; a name it uses otherwise is not taken', () => {
    const text = 'wardline: 1\nzones:\n  ward: { vlan: 140, subnets: [10.0.0.0/24], via: sw }\n  telemetry-example-com: { subnets: [10.1.0.0/24], via: sw }\nexternals:\n  vendor-cloud: { fqdn: Cloud.Example.COM. }\n  api-example-com: { fqdn: api.example.org }\nenforcement:\n  sw: { platform: cisco-ios }\n';
    const policy = loadPolicy([{ path: 'p.yaml', text }], { today: '2026-01-01' }).policy;
    const r = imported(mudJson([dnsOut('a', 'cloud.example.com'), dnsOut('b', 'api.example.com', 8443), dnsOut('c', 'API.example.org', 8443), dnsOut('d', 'telemetry.example.com', 8777)], []), { policy });
    expect(r.problems).toEqual([]);
    expect(flowsOf(r.yaml)).toEqual(['pumps -> vendor-cloud [https]', 'pumps -> api-example-com-2 [tcp/8443]', 'pumps -> api-example-com [tcp/8443]', 'pumps -> telemetry-example-com-2 [tcp/8777]']);
    expect([...definitions(r.yaml).keys()]).toEqual(['api-example-com-2', 'telemetry-example-com-2']);
    // Merged with the policy, the YAML loads: no name defined twice, no fqdn claimed twice (WL307 is check's).
    const merged = loadPolicy([{ path: 'p.yaml', text }, { path: 'i.yaml', text: r.yaml }], { today: '2026-01-01' });
    expect(merged.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(merged.policy.clashes).toEqual([]);
    expect(merged.policy.unresolved).toEqual([]);
  });

  it('--map still says what a name is; a name only an unanswered reply uses is not written', () => {
    const mapped = imported(mudJson([dnsOut('cloud', 'cloud.example.com')], []), { maps: ['CLOUD.example.com.=203.0.113.9'] });
    expect(mapped.problems).toEqual([]);
    expect(flowsOf(mapped.yaml)).toEqual(['pumps -> "203.0.113.9" [https]']);
    expect(mapped.yaml).not.toContain('externals:');
    const orphan = imported(mudJson([], [dnsBack('back', 'cloud.example.com')]));
    expect(orphan.problems.map((p) => p.reason)).toEqual([expect.stringContaining('from the device to DNS name "cloud.example.com" on tcp/443')]);
    expect(orphan.yaml).not.toContain('externals:');
  });
});

describe('what cannot be represented', () => {
  it.each([
    ['an Ethernet ACL', { eth: { ethertype: '0x888e' } }, 'Ethernet ACL'],
    ['a drop', { ipv4: { protocol: 6 } }, 'only "accept"'],
    ['a device-side address', { ipv4: { protocol: 6, 'source-ipv4-network': '10.0.0.1/32' } }, "device's own address"],
    ['an unsupported IP field', { ipv4: { protocol: 6, dscp: 46 } }, '"dscp"'],
    ['tcp flags', { ipv4: { protocol: 6 }, tcp: { flags: 'syn' } }, '"flags"'],
    ['both ports', { ipv4: { protocol: 6 }, tcp: { 'source-port': { port: 1 }, 'destination-port': { port: 2 } } }, 'both a source and a destination port'],
    ['two peers', { ipv4: { protocol: 6, 'ietf-acldns:dst-dnsname': 'a.example' }, 'ietf-mud:mud': { controller: 'urn:x' } }, 'intersection'],
    ['a wildcard name', { ipv4: { protocol: 6, 'ietf-acldns:dst-dnsname': '*.a.example' } }, 'DNS name "*.a.example" is not one an external can have'],
    // MUDgee writes next header 0 for the MLD reports a device sends to ff00::/8: check refuses proto/0 (WL508).
    ['protocol 0 (HOPOPT)', { ipv4: { protocol: 0, 'destination-ipv4-network': '224.0.0.0/4' } }, 'hop-by-hop options (HOPOPT), which iptables, FortiOS and IOS read as every protocol, not a protocol a filter matches the same way everywhere: name the protocol it carries (e.g. proto/50, udp/500); wardline refuses it (WL508)'],
    ['an IPv6 extension header', { ipv4: { protocol: 44 } }, 'the IPv6 fragment header'],
  ])('%s', (_, matches, reason) => {
    const json = mudJson([{ name: 'x', matches, ...(reason.includes('accept') ? { actions: { forwarding: 'drop' } } : {}) }], []).replace('"ipv4-acl-type"', reason.includes('Ethernet') ? '"ethernet-acl-type"' : '"ipv4-acl-type"');
    const r = imported(json);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({ file: 'device.json', where: 'acl "from" ace "x"', counts: true });
    expect(r.problems[0]!.reason).toContain(reason);
    // The line is the ACE's "name".
    expect(json.split('\n')[r.problems[0]!.line - 1]).toContain('"name": "x"');
  });
});

describe('hostile names', () => {
  it('no name, URL or text of the MUD file can change the YAML', () => {
    const evil = 'x"\n  - id: injected\n#\u2028\u0085\'{}[]: &a *a !tag';
    const json = mudJson([tcpOut(evil, 443, { 'destination-ipv4-network': '203.0.113.0/24' })], [], { url: `https://evil.example/${evil}`, extra: { systeminfo: evil, 'mfg-name': evil, 'model-name': evil } });
    const r = imported(json);
    const loaded = loadPolicy([{ path: 'imported.yaml', text: `${r.yaml}zones:\n  ward: { subnets: [10.0.0.0/24], via: sw }\nenforcement:\n  sw: { platform: cisco-ios }\n` }], { today: '2026-01-01' });
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(loaded.policy.flows.map((f) => f.id)).toEqual(['pumps-mud-1']);
    expect(loaded.policy.flows[0]!.why).toContain('ACE from/x"');
    expect(r.yaml).not.toMatch(/^ {2}- id: injected/m);
  });

  it('is deterministic', () => {
    const json = mudJson([tcpOut('a', 443), tcpOut('b', 80)], [tcpBack('c', 443)]);
    expect(imported(json).yaml).toBe(imported(json).yaml);
  });
});
