import { Option, type Command } from 'commander';
import type { Simulator } from '../sim/simulator.js';
import { EXIT_CLEAN, EXIT_FINDINGS, EXIT_USAGE, UsageError } from './exit-code.js';
import type { CommandResult } from './main.js';
import { colorFor } from './color.js';
import { resolveToday } from './today.js';
import { projectPolicy } from './project-policy.js';
import { collectResolve, RESOLVE_HELP } from './resolve-option.js';

interface QueryOptions {
  from?: string;
  to?: string;
  service?: string;
  proto?: string;
  port?: string;
  format: 'text' | 'json';
  expect?: string;
  batch?: string;
  device?: string;
  config?: string;
  ignoreUnknown?: boolean;
  today?: string;
  resolve: string[];
}

export const VERDICTS = ['allow', 'monitored', 'deny', 'partial', 'same-segment', 'unrouted'];

export function registerQuery(program: Command, result: CommandResult): void {
  program
    .command('query')
    .description('can A talk to B? the verdict, the intent that decided it and the path, from the policy')
    .argument('[path]', 'policy file or directory; - reads standard input; default: the policy .wardline.yaml names, else .')
    .option('--from <endpoint>', 'source: group, zone, label:NAME, address or prefix, external, any')
    .option('--to <endpoint>', 'destination, as --from')
    .option('-s, --service <service>', 'service name, proto/port (tcp/443), any, or a comma-separated list; default: every service')
    .option('--proto <proto>', 'protocol: tcp, udp, sctp, icmp, icmpv6 or a number; instead of --service')
    .option('--port <port>', 'port (or ICMP type) with --proto')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .addOption(new Option('--expect <verdict>', 'exit 1 unless the verdict is this').choices(VERDICTS))
    .option('--batch <file>', 'answer one JSON query per line ({"from","to","service"}) from FILE or - (stdin)')
    .option('--device <id>', 'a device by MAC address (or 802.1X identity, certificate subject): its group, zone, VLAN and role, and what it may reach')
    .option('--config <dir>', 'answer from the configuration files in DIR (as compile writes them), point by point along the path, instead of from the policy')
    .option('--ignore-unknown', 'with --config: answer although some lines no reader understands (listed on stderr; default: exit 2)')
    .option('--resolve <file>', RESOLVE_HELP, collectResolve, [])
    .option('--today <date>', 'evaluate expiry as of this date (YYYY-MM-DD); default: today, or WARDLINE_TODAY')
    .action(async (given: string | undefined, opts: QueryOptions) => {
      const path = given ?? (await projectPolicy());
      const service = serviceOption(opts);
      if (opts.config !== undefined) {
        if (opts.device !== undefined || opts.batch !== undefined) throw new UsageError('--config answers --from and --to: drop --device and --batch');
        if (opts.from === undefined && opts.to === undefined) throw new UsageError('query --config needs --from, --to, or both');
        const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
        const { answerFromConfigDir } = await import('./config-query-command.js');
        const answer = await answerFromConfigDir(sim, opts.config, { from: opts.from ?? 'any', to: opts.to ?? 'any', service });
        process.stdout.write(opts.format === 'json' ? `${JSON.stringify(answer.answer, null, 2)}\n` : answer.text);
        result.code = answer.unknown > 0 && !opts.ignoreUnknown ? EXIT_USAGE : EXIT_CLEAN;
        if (result.code === EXIT_CLEAN && opts.expect !== undefined && answer.answer.verdict !== opts.expect) {
          process.stderr.write(`wardline: expected ${opts.expect}, the configuration's answer is ${answer.answer.verdict}\n`);
          result.code = EXIT_FINDINGS;
        }
        return;
      }
      if (opts.device !== undefined) {
        if (opts.from !== undefined || opts.to !== undefined || opts.batch !== undefined || opts.expect !== undefined) {
          throw new UsageError('--device answers for one device: drop --from, --to, --batch and --expect');
        }
        const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
        const { placeDevice } = await import('../model/device-lookup.js');
        const { roleNames } = await import('../compile/role-names.js');
        const { formatReachText } = await import('../sim/render/reach-text.js');
        const placement = placeDevice(sim.policy, opts.device, roleNames(sim.policy));
        // What it may reach: from its group, or, unknown, from the zone unknown devices are put in.
        const from = placement.group ?? placement.zone;
        const reach = from === null ? null : asked(() => sim.reachableFrom(from, service));
        if (opts.format === 'json') process.stdout.write(`${JSON.stringify({ ...placement, reach }, null, 2)}\n`);
        else process.stdout.write(`${deviceText(placement)}\n${reach === null ? '' : formatReachText(reach)}`);
        result.code = EXIT_CLEAN;
        return;
      }
      if (opts.batch !== undefined) {
        if (opts.from !== undefined || opts.to !== undefined || service !== undefined || opts.expect !== undefined) {
          throw new UsageError('--batch takes its queries from the file: drop --from, --to, --service and --expect');
        }
        if (opts.batch === '-' && path === '-') throw new UsageError('the policy and the batch cannot both come from standard input');
      } else if (opts.from === undefined && opts.to === undefined) {
        throw new UsageError('query needs --from, --to, or both (or --batch FILE, or --device ID)');
      } else if (opts.expect !== undefined && (opts.from === undefined || opts.to === undefined)) {
        throw new UsageError('--expect needs both --from and --to');
      }
      const sim = await loadSimulator([path], resolveToday(opts.today), opts.resolve);
      if (opts.batch !== undefined) {
        const { answerBatch } = await import('./query-batch.js');
        result.code = await answerBatch(sim, opts.batch);
        return;
      }
      const { formatAnswerText } = await import('../sim/render/answer-text.js');
      const { formatReachText } = await import('../sim/render/reach-text.js');
      const json = (x: unknown) => `${JSON.stringify(x, null, 2)}\n`;
      if (opts.from !== undefined && opts.to !== undefined) {
        const answer = asked(() => sim.query(opts.from!, opts.to!, service));
        process.stdout.write(opts.format === 'json' ? json(answer) : formatAnswerText(answer));
        result.code = EXIT_CLEAN;
        if (opts.expect !== undefined && answer.verdict !== opts.expect) {
          process.stderr.write(`wardline: expected ${opts.expect}, the answer is ${answer.verdict}\n`);
          result.code = EXIT_FINDINGS;
        }
        return;
      }
      const reach = asked(() => (opts.from !== undefined ? sim.reachableFrom(opts.from, service) : sim.reachableTo(opts.to!, service)));
      process.stdout.write(opts.format === 'json' ? json(reach) : formatReachText(reach));
      result.code = EXIT_CLEAN;
    });
}

/** How the service's parts are named: options on the command line, keys on a --batch line. */
const NAMED = {
  option: { service: '--service', proto: '--proto', port: '--port', example: '--proto tcp --port 443' },
  key: { service: '"service"', proto: '"proto"', port: '"port"', example: '"proto": "tcp", "port": 443' },
};

/** The service asked about: --service, or --proto with --port; a batch line's keys go through the same checks. */
export function serviceOption(
  opts: { service?: string | undefined; proto?: string | undefined; port?: string | undefined },
  as: keyof typeof NAMED = 'option',
): string | undefined {
  const n = NAMED[as];
  if (opts.service !== undefined && (opts.proto !== undefined || opts.port !== undefined)) {
    throw new UsageError(`give either ${n.service} or ${n.proto}/${n.port}, not both`);
  }
  if (opts.port !== undefined && opts.proto === undefined) throw new UsageError(`${n.port} needs ${n.proto} (e.g. ${n.example})`);
  if (opts.proto !== undefined && /^\d+$/.test(opts.proto)) {
    if (opts.port !== undefined) throw new UsageError(`protocol ${opts.proto} has no ports: drop ${n.port}`);
    return `proto/${opts.proto}`;
  }
  if (opts.proto !== undefined) return `${opts.proto}/${opts.port ?? 'any'}`;
  return opts.service;
}

/** Unknown names and unparsable addresses or services are usage errors: exit 2 with the simulator's message. */
export function asked<T>(question: () => T): T {
  try {
    return question();
  } catch (err) {
    if (err instanceof Error && err.name === 'QueryError') throw new UsageError(err.message);
    throw err;
  }
}

/**
 * Loads and checks the policy; a policy with errors is not simulated (exit 2, the findings on stderr). Failed
 * expectations (WL6xx) do not block: finding out why one fails is what queries are for.
 */
export async function loadSimulator(paths: string[], today: string, resolve: readonly string[] = []): Promise<Simulator> {
  const { readPolicySources } = await import('../lang/source-files.js');
  const { checkForSimulation } = await import('../check/check-policy.js');
  const { simulator } = await import('../sim/simulator.js');
  const sources = await readPolicySources(paths, { resolve });
  const checked = checkForSimulation(sources, today);
  const blocking = checked.findings.filter((d) => d.severity === 'error' && !d.code.startsWith('WL6'));
  if (!checked.complete || blocking.length > 0) {
    const { writeFindings } = await import('./report-paths.js');
    await writeFindings(blocking, sources, colorFor('stderr'));
    throw new UsageError('the policy has errors: fix the policy first (see wardline check)');
  }
  return simulator(checked.policy, checked.context);
}

/** `00:1b:44:11:3a:b7: group infusion-pumps-4e (by MAC, groups.yaml:14), zone ward4e-devices, VLAN 140, role infusion-pumps-4e` */
function deviceText(p: import('../model/device-lookup.js').DevicePlacement): string {
  const at = p.file === null ? '' : `, ${p.file}:${p.line}`;
  if (p.group !== null) {
    const how = { mac: 'by MAC', oui: "by its manufacturer's OUI", dot1x: 'by 802.1X identity', certificate: 'by certificate subject', unknown: '' }[p.matchedBy];
    return `${p.device}: group ${p.group} (${how}${at}), zone ${p.zone}, VLAN ${p.vlan ?? 'none'}, role ${p.role}`;
  }
  if (p.rejected) return `${p.device}: no group claims it; ${p.file === null ? 'the policy has no unknown-devices, so it is' : 'unknown-devices says it is'} rejected (no VLAN, no access)${at}`;
  return `${p.device}: no group claims it; unknown-devices puts it in zone ${p.zone}, VLAN ${p.vlan ?? 'none'}${at}`;
}
