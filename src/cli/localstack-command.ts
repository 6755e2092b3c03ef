import { createLogger, loggerOptionsFromConfig, readAwsConfig } from '../aws/index.ts';
import {
  DEFAULT_PORT,
  type LocalStackStatus,
  localStackPaths,
  localStackStatus,
  parseServiceList,
  runProbe,
  startLocalStack,
  stopLocalStack,
  writeProbeReport,
} from '../localstack/index.ts';
import { integerOption, parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';

const SUBCOMMANDS = ['start', 'stop', 'status', 'probe'] as const;

function describeStatus(status: LocalStackStatus): string {
  if (!status.running) {
    return `LocalStack is not running on ${status.endpoint}${status.detail ? ` (${status.detail})` : ''}`;
  }
  const who =
    status.managedBy === 'stepforge'
      ? `started by stepforge, pid ${status.pid}, log ${status.log}`
      : 'started outside stepforge';
  const services = Object.entries(status.services)
    .map(([name, state]) => `${name}=${state}`)
    .join(' ');
  return `LocalStack ${status.version} on ${status.endpoint} (${who})\nservices: ${services}`;
}

/** `stepforge localstack start|stop|status|probe [--port N] [--timeout SECONDS] [--services a,b] [--json]` */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  rejectUnknownOptions(args, ['port', 'timeout', 'services', 'json']);
  const [action, ...extra] = args.positionals;
  if (!SUBCOMMANDS.includes(action as (typeof SUBCOMMANDS)[number]) || extra.length > 0) {
    throw new UsageError(`expected one of ${SUBCOMMANDS.join('|')}, got "${args.positionals.join(' ')}"`);
  }
  if (action !== 'start' && args.options.services !== undefined)
    throw new UsageError('--services is an option of start only');
  const port = integerOption(args, 'port', DEFAULT_PORT);
  if (port < 1 || port > 65535) throw new UsageError(`--port must be between 1 and 65535, got ${port}`);
  const logger = createLogger(loggerOptionsFromConfig(readAwsConfig()), { component: 'localstack', port });

  switch (action) {
    case 'start': {
      const timeoutMs = integerOption(args, 'timeout', 120) * 1000;
      const services = stringOption(args, 'services');
      const result = await startLocalStack({
        port,
        logger,
        timeoutMs,
        services: services === undefined ? [] : parseServiceList(services, '--services'),
      });
      const how = result.pid === undefined ? 'not managed by stepforge' : `pid ${result.pid}`;
      process.stdout.write(
        `LocalStack ${result.health.version} ${result.reused ? 'already running' : 'started'} at ${result.endpoint} (${how})\n`,
      );
      return 0;
    }
    case 'stop': {
      const result = await stopLocalStack({ port, logger });
      process.stdout.write(
        result.stopped ? `LocalStack (pid ${result.pid}) stopped\n` : `nothing to stop: ${result.detail}\n`,
      );
      return 0;
    }
    case 'status': {
      const status = await localStackStatus(port);
      process.stdout.write(args.options.json ? `${JSON.stringify(status, null, 2)}\n` : `${describeStatus(status)}\n`);
      return status.running ? 0 : 1;
    }
    default: {
      // Without --port, probe whatever this environment talks to (AWS_ENDPOINT_URL), as the generator will.
      const configured = readAwsConfig().endpoint;
      const endpoint = args.options.port !== undefined || !configured ? `http://127.0.0.1:${port}` : configured.origin;
      const report = await runProbe({ endpoint, logger });
      writeProbeReport(report, localStackPaths(port).probeFile);
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return 0;
    }
  }
}
