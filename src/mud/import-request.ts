import { NAME_PATTERN } from '../lang/schema-formats.js';
import type { Group, Policy } from '../model/policy.js';
import { parsePrefix } from '../net/address.js';
import { ABSTRACTIONS } from './ace-peer.js';
import { dnsExternals } from './dns-externals.js';
import { importYaml, type ExternalDefinition, type GroupDefinition } from './import-yaml.js';
import type { MudFile, MudProblem } from './mud-document.js';
import { mudIdentity } from './mud-identity.js';
import { importMud, sortProblems, type AceRef, type ImportedFlow } from './mud-import.js';
import { urlHost, type ImportContext, type PolicyGroup } from './peer-endpoints.js';

export interface ImportRequest {
  group: string;
  zone?: string;
  /** `ABSTRACTION=ENDPOINT` as given; a key given twice gathers its endpoints. */
  maps: readonly string[];
  /** The policy the flows will join, when given: its zones, groups and flow ids. */
  policy?: Policy;
  /** The standard catalog: a single-spec service is written by its name (tcp/443 as https). */
  catalog: ReadonlyMap<string, { specs: readonly { value: { text: string } }[] }>;
}

export class ImportUsageError extends Error {
  override name = 'InputError';
}

const NAME = new RegExp(NAME_PATTERN);
const ID_LIMIT = 64;

/** An endpoint reference of the language: a name, label:NAME, an address or prefix, any or external. */
export function isEndpointRef(s: string): boolean {
  if (s.length > 128) return false;
  if (NAME.test(s) || (s.startsWith('label:') && NAME.test(s.slice(6)))) return true;
  return !('error' in parsePrefix(s));
}

export function parseMaps(maps: readonly string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const m of maps) {
    const eq = m.lastIndexOf('=');
    const [key, endpoint] = [m.slice(0, eq), m.slice(eq + 1)];
    if (eq <= 0 || !isEndpointRef(endpoint)) throw new ImportUsageError(`--map ${JSON.stringify(m)}: write ABSTRACTION=ENDPOINT (local-networks=ward4e-devices, controller:urn:ietf:params:mud:dns=dns-ntp-servers, tech.example.com=203.0.113.7), the endpoint a group, zone, label:NAME, address or prefix`);
    // DNS names compare as DNS does: without case, without the root's dot.
    const named = ABSTRACTIONS.some((a) => key === a || key.startsWith(`${a}:`)) ? key : key.toLowerCase().replace(/\.$/, '');
    out.set(named, [...(out.get(named) ?? []), endpoint]);
  }
  return out;
}

export interface ImportRun {
  yaml: string;
  /** What could not be represented (counts) and notes, in file and line order. */
  problems: MudProblem[];
  unusedMaps: string[];
  /** Each flow written, by id, with the ACEs that ask for it: where a finding about the flow is said in the MUD file. */
  flows: { id: string; aces: AceRef[] }[];
}

/** The YAML for the request and what could not be represented. */
export function runImport(files: readonly MudFile[], req: ImportRequest): ImportRun {
  const group = groupDefinition(files, req);
  const map = parseMaps(req.maps);
  const ctx: ImportContext = {
    group: req.group,
    map,
    ...(req.policy ? { policy: { zones: [...req.policy.zones.keys()].sort(), groups: [...req.policy.groups.values()].map(policyGroup) } } : {}),
    manufacturers: new Set(files.flatMap((f) => [f.mfgName, urlHost(f.url)]).filter((m): m is string => m !== undefined).map((m) => m.toLowerCase())),
    urls: new Set(files.map((f) => f.url)),
    used: new Set(),
    externals: dnsExternals(policyExternals(req.policy), [req.group, ...(req.zone === undefined ? [] : [req.zone]), ...[...map.values()].flat(), ...endpointNames(req.policy)]),
  };
  const result = importMud(files, ctx);
  const externals = definedExternals(ctx.externals.defined, result.flows);
  const identity = mudIdentity(files, req.group, group?.zone, req.policy);
  const claim = identity.url !== undefined ? { mudUrl: identity.url } : identity.withheld !== undefined ? { withheld: identity.withheld } : {};
  const problems = sortProblems(files, [...result.problems, ...identity.problems]);
  const taken = new Set(req.policy?.flows.map((f) => f.id) ?? []);
  const stem = `${req.group.slice(0, ID_LIMIT - 10)}-mud-`;
  const ids: string[] = [];
  for (let n = 1; ids.length < result.flows.length; n++) if (!taken.has(`${stem}${n}`)) ids.push(`${stem}${n}`);
  const named = new Map<string, string>();
  for (const [name, s] of req.catalog) if (s.specs.length === 1) named.set(s.specs[0]!.value.text, name);
  const yaml = importYaml(files, result, group && { ...group, ...claim }, externals, req.group, ids, (spec) => named.get(spec) ?? spec);
  return { yaml, problems, unusedMaps: [...map.keys()].filter((k) => !ctx.used.has(k)), flows: result.flows.map((f, i) => ({ id: ids[i]!, aces: f.aces })) };
}

/** The policy's externals by fqdn: a DNS name the policy knows is its external (the first by name, should two share one). */
function policyExternals(policy: Policy | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of [...(policy?.externals.values() ?? [])].sort((a, b) => (a.name < b.name ? -1 : 1))) if (e.fqdn.value !== '' && !out.has(e.fqdn.value)) out.set(e.fqdn.value, e.name);
  return out;
}

const endpointNames = (policy: Policy | undefined): string[] => (policy ? [...policy.zones.keys(), ...policy.groups.keys(), ...policy.externals.keys()] : []);

/** The new externals some written flow names (an ACE refused later leaves its name unwritten), with the MUD URLs that name them. */
function definedExternals(defined: ReadonlyMap<string, string>, flows: readonly ImportedFlow[]): ExternalDefinition[] {
  return [...defined]
    .map(([name, fqdn]) => {
      const naming = flows.filter((f) => f.from.includes(name) || f.to.includes(name));
      const urls = [...new Set(naming.flatMap((f) => [...f.aces, ...f.replies].map((r) => r.url)))];
      return { name, fqdn, urls };
    })
    .filter((e) => e.urls.length > 0)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

const policyGroup = (g: Group): PolicyGroup => ({
  name: g.name,
  ...(g.manufacturer === undefined ? {} : { manufacturer: g.manufacturer }),
  ...(g.identities?.mudUrl === undefined ? {} : { mudUrl: g.identities.mudUrl.value }),
});

function groupDefinition(files: readonly MudFile[], req: ImportRequest): GroupDefinition | undefined {
  if (!NAME.test(req.group)) throw new ImportUsageError(`--group ${JSON.stringify(req.group)} is not a wardline name (${NAME_PATTERN})`);
  const existing = req.policy?.groups.get(req.group);
  if (req.zone === undefined) {
    if (existing) return undefined;
    throw new ImportUsageError(`--zone is needed to define group ${req.group}${req.policy ? ', which the policy does not have' : ''}: give --zone ZONE, or --policy PATH of a policy that defines the group`);
  }
  if (!NAME.test(req.zone)) throw new ImportUsageError(`--zone ${JSON.stringify(req.zone)} is not a wardline name (${NAME_PATTERN})`);
  if (existing) throw new ImportUsageError(`the policy already defines group ${req.group}: leave out --zone to add flows to it, or choose another --group`);
  if (req.policy && !req.policy.zones.has(req.zone)) throw new ImportUsageError(`--zone ${req.zone}: the policy has no zone of that name`);
  const manufacturer = files.map((f) => f.mfgName ?? urlHost(f.url)).find((m) => m !== undefined);
  return { name: req.group, zone: req.zone, ...(manufacturer === undefined ? {} : { manufacturer }) };
}
