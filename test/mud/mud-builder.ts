import { loadPolicy } from '../../src/lang/load-policy.js';
import { readMud } from '../../src/mud/mud-document.js';
import { runImport, type ImportRequest } from '../../src/mud/import-request.js';

export const catalog = () => new Map([...loadPolicy([], { today: '2026-01-01' }).policy.services].filter(([, s]) => s.standard));

export interface Ace {
  name: string;
  matches: Record<string, unknown>;
  actions?: Record<string, unknown>;
}

/** A MUD file in RFC 8520 / RFC 8519 final form (`ietf-access-control-list:acls`), pretty-printed as MUD makers do. */
export function mudJson(from: Ace[], to: Ace[], opts: { url?: string; container?: 'acls' | 'access-lists'; extra?: Record<string, unknown> } = {}): string {
  const acl = (name: string, aces: Ace[]) => ({ name, type: 'ipv4-acl-type', aces: { ace: aces.map((a) => ({ actions: { forwarding: 'accept' }, ...a })) } });
  const policy = (name: string) => ({ 'access-lists': { 'access-list': [{ name }] } });
  return JSON.stringify(
    {
      'ietf-mud:mud': { 'mud-version': 1, 'mud-url': opts.url ?? 'https://example.com/pump', 'mfg-name': 'Example Infusion Systems', 'from-device-policy': policy('from'), 'to-device-policy': policy('to'), ...opts.extra },
      [`ietf-access-control-list:${opts.container ?? 'acls'}`]: { acl: [acl('from', from), acl('to', to)] },
    },
    null,
    2,
  );
}

export function imported(json: string, req: Partial<ImportRequest> = {}) {
  return runImport([readMud('device.json', json)], { group: 'pumps', zone: 'ward', maps: [], catalog: catalog(), ...req });
}

/** The flows of the YAML as `from -> to services`, one string each. */
export function flowsOf(yaml: string): string[] {
  const flows = yaml.split('\n  - id: ').slice(1);
  return flows.map((f) => {
    const field = (k: string) => new RegExp(`\\n    ${k}: (.*)`).exec(f)![1];
    return `${field('from')} -> ${field('to')} ${field('services')}`;
  });
}
