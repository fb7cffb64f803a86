import { compilePolicy } from '../compile/compile.js';
import { buildAddressPlan } from '../model/address-plan.js';
import { resolveEndpointText, resolveServiceText } from '../sim/resolve-query.js';
import { intentPackets } from '../model/intent-packets.js';
import { ALL_SERVICES } from '../net/service-set.js';
import type { Simulator } from '../sim/simulator.js';
import { configEvaluator } from '../verify/config-evaluator.js';
import { answerFromConfig, configAnswerText, type ConfigAnswer } from '../verify/config-query.js';
import { readContext, readDevices } from '../verify/text-validation.js';
import { directoryFiles } from './config-files.js';
import { asked } from './query-command.js';

/** `query --config DIR`: the question answered from the devices' files; lines no reader understands are said on stderr. */
export async function answerFromConfigDir(
  sim: Simulator,
  dir: string,
  q: { from: string; to: string; service?: string | undefined },
): Promise<{ answer: ConfigAnswer; text: string; unknown: number }> {
  const policy = sim.policy;
  const plan = buildAddressPlan(policy);
  const packets = intentPackets(policy, plan);
  const src = asked(() => resolveEndpointText(policy, plan, q.from));
  const dst = asked(() => resolveEndpointText(policy, plan, q.to));
  const services = q.service === undefined ? ALL_SERVICES : asked(() => resolveServiceText(policy, packets, q.service!));
  const config = directoryFiles(dir);
  const read = readDevices(config.files, compilePolicy(policy, undefined, { addresses: plan, packets }), readContext(plan));
  for (const u of read.unknown) process.stderr.write(`wardline: ${config.shown(u.file)}:${u.line}: not understood (${u.reason}): ${u.text.trim()}\n`);
  for (const m of read.missing) process.stderr.write(`wardline: ${dir} has no configuration for enforcement point ${m}\n`);
  const evaluator = configEvaluator(policy, plan, read.readings);
  const answer = answerFromConfig(q, { src, dst, services }, { sim, plan, evaluator, shown: config.shown });
  return { answer, text: configAnswerText(answer, dir), unknown: read.unknown.length };
}
