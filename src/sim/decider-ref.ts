import { defaultRef, flowRef, guardrailRef, isolationRef, monitorRef, type DeciderRef } from './answer.js';
import type { Engine } from './engine.js';
import type { DeciderAcc } from './parts.js';

/** Answers share one frozen object per decider and services, so a serialiser can keep its JSON. */
export function deciderRef(engine: Engine, kind: DeciderAcc['kind'], key: number | string, services: string): DeciderRef {
  const { policy } = engine;
  const memoKey = `${kind}\0${key}\0${services}`;
  let ref = engine.deciderRefs.get(memoKey);
  if (!ref) {
    if (kind === 'flow') ref = flowRef(engine.index.flows[key as number]!.flow, services);
    else if (kind === 'guardrail') ref = guardrailRef(policy.guardrails[key as number]!, services);
    else if (kind === 'isolation') ref = isolationRef(policy.zones.get(key as string)!, services);
    else if (kind === 'monitor') ref = monitorRef(policy.zones.get(key as string)!, services);
    else ref = defaultRef(services);
    if (engine.deciderRefs.size > 100_000) engine.deciderRefs.clear();
    engine.deciderRefs.set(memoKey, Object.freeze(ref));
  }
  return ref;
}
