import { description, endpoint, endpoints, flag, freeText, identifier, list, mode, owner, record, serviceRef, type JsonSchema } from './schema-fields.js';

function serviceList(about: string): JsonSchema {
  const item = serviceRef('Service', 'A service name, an inline spec such as tcp/443, or any.');
  return list('Services', about, item, [['https', 'tcp/8443']]);
}

export const flow = record(
  'Flow',
  'An allow intent: connections from "from" to "to" on "services"; everything else is denied.',
  {
    id: identifier('Id', 'The unique id of this flow.', ['pumps-to-pump-server']),
    from: endpoints('From', 'Where connections start: a group, zone, label:NAME, address, prefix, external or any, or a list of them.', ['infusion-pumps']),
    to: endpoints('To', 'Where connections go: a group, zone, label:NAME, address, prefix, external or any, or a list of them.', ['pump-server']),
    services: serviceList('The services this flow allows: names, inline specs such as tcp/443, or any.'),
    why: freeText('Why', 'Why this flow exists.', ['Drug library updates and event logs']),
    owner: owner('flow'),
    ticket: freeText('Ticket', 'The change ticket that approved this flow.', ['CHG-1042']),
    expires: { title: 'Expires', description: 'The last day this flow is live (YYYY-MM-DD, no quotes needed); after it the flow is not rendered.', type: 'string', format: 'date', examples: ['2026-12-31'] },
    log: flag('Log', 'Whether to log matches of this flow where the platform can.'),
    description: description('flow'),
  },
  ['id', 'from', 'to', 'services'],
);

const exception = record(
  'Exception',
  'A flow allowed to cross this guardrail.',
  {
    flow: identifier('Flow', 'The id of the flow allowed to cross this guardrail.', ['vendor-support']),
    why: freeText('Why', 'Why this flow may cross the guardrail.', ['Contract 2026-114, ends with the flow\'s expiry']),
  },
  ['flow', 'why'],
);

export const guardrail = record(
  'Guardrail',
  'A prohibition no flow may break; rendered as denies ahead of the allows.',
  {
    id: identifier('Id', 'The unique id of this guardrail.', ['no-guest-to-medical']),
    never: record(
      'Never',
      'The traffic this guardrail forbids.',
      {
        from: endpoints('From', 'Where the forbidden connections start: one endpoint or a list.', ['label:untrusted']),
        to: endpoints('To', 'Where the forbidden connections go: one endpoint or a list.', ['label:medical']),
        services: serviceList('The services forbidden; omitted, every service.'),
      },
      ['from', 'to'],
    ),
    why: freeText('Why', 'Why this guardrail exists.', ['Guest devices must never reach clinical equipment']),
    exceptions: { title: 'Exceptions', description: 'The flows allowed to cross this guardrail.', type: 'array', items: exception },
    log: flag('Log', 'Whether to log traffic this guardrail denies where the platform can.'),
    mode: mode('guardrail', 'this guardrail'),
  },
  ['id', 'never', 'why'],
);

function check(verdict: 'can' | 'cannot'): JsonSchema {
  return record(
    verdict === 'can' ? 'Can' : 'Cannot',
    verdict === 'can' ? 'A connection the policy must allow.' : 'A connection the policy must deny.',
    {
      from: endpoint('From', 'Where the connection starts.', ['infusion-pumps']),
      to: endpoint('To', 'Where the connection goes.', ['pump-server']),
      service: serviceRef('Service', 'The service of the connection; omitted, any service.'),
    },
    ['from', 'to'],
  );
}

export const expectation: JsonSchema = {
  ...record(
    'Expectation',
    'A test of the policy: "can" or "cannot", run by every wardline check.',
    {
      can: check('can'),
      cannot: check('cannot'),
      why: freeText('Why', 'Why this expectation matters.'),
      id: identifier('Id', 'An id for this expectation.', ['pumps-reach-server']),
    },
    [],
  ),
  oneOf: [{ required: ['can'] }, { required: ['cannot'] }],
};
