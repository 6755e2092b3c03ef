import type { LocalStackStatus } from '../localstack/index.ts';
import { defineCommand } from './command.ts';

/** LocalStack's own default (src/localstack DEFAULT_PORT; here so `--help` need not load the module, a test compares). */
export const DEFAULT_LOCALSTACK_PORT = 4566;

const port = {
  type: 'integer',
  default: DEFAULT_LOCALSTACK_PORT,
  min: 1,
  max: 65535,
  description: 'the LocalStack port (each port has its own process, volume and log)',
} as const;

async function localStackLogger(portNumber: number) {
  const { createLogger, loggerOptionsFromConfig, readAwsConfig } = await import('../aws/index.ts');
  return createLogger(loggerOptionsFromConfig(readAwsConfig()), { component: 'localstack', port: portNumber });
}

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

const start = defineCommand({
  name: 'start',
  summary: 'install on first use, start LocalStack detached, return when its services are ready',
  options: {
    port,
    timeout: {
      type: 'integer',
      default: 120,
      min: 1,
      placeholder: 'seconds',
      description: 'how long the services may take to report ready',
    },
    services: {
      type: 'string',
      placeholder: 'a,b',
      description: 'services to run besides S3, SQS, Step Functions and STS (e.g. cloudformation,iam)',
    },
  },
  async run({ options }) {
    const { parseServiceList, startLocalStack } = await import('../localstack/index.ts');
    const { stderrProgress } = await import('./progress.ts');
    const progress = stderrProgress();
    try {
      const result = await startLocalStack({
        port: options.port,
        logger: await localStackLogger(options.port),
        timeoutMs: options.timeout * 1000,
        services: options.services === undefined ? [] : parseServiceList(options.services, '--services'),
        onStep: (step) => progress.step(step),
      });
      progress.done();
      const how = result.pid === undefined ? 'not managed by stepforge' : `pid ${result.pid}`;
      process.stdout.write(
        `LocalStack ${result.health.version} ${result.reused ? 'already running' : 'started'} at ${result.endpoint} (${how})\n`,
      );
      return 0;
    } finally {
      progress.done();
    }
  },
});

const stop = defineCommand({
  name: 'stop',
  summary: 'stop the LocalStack stepforge started on the port (its process group; SIGKILL after 20 s)',
  options: { port },
  async run({ options }) {
    const { stopLocalStack } = await import('../localstack/index.ts');
    const result = await stopLocalStack({ port: options.port, logger: await localStackLogger(options.port) });
    process.stdout.write(
      result.stopped ? `LocalStack (pid ${result.pid}) stopped\n` : `nothing to stop: ${result.detail}\n`,
    );
    return 0;
  },
});

const status = defineCommand({
  name: 'status',
  summary: 'endpoint, who started it, version, services; exit 1 when nothing answers',
  options: { port, json: { type: 'boolean', description: 'print the status as JSON' } },
  async run({ options }) {
    const { localStackStatus } = await import('../localstack/index.ts');
    const found = await localStackStatus(options.port);
    process.stdout.write(options.json ? `${JSON.stringify(found, null, 2)}\n` : `${describeStatus(found)}\n`);
    return found.running ? 0 : 1;
  },
});

const probe = defineCommand({
  name: 'probe',
  summary: 'check which Step Functions features LocalStack supports; writes .stepforge/localstack/probe.json',
  options: { port: { ...port, description: `${port.description}; without it, AWS_ENDPOINT_URL when set` } },
  async run({ options, given }) {
    const { readAwsConfig } = await import('../aws/index.ts');
    const { localStackPaths, runProbe, writeProbeReport } = await import('../localstack/index.ts');
    // Without --port, probe whatever this environment talks to (AWS_ENDPOINT_URL), as the generator will.
    const configured = readAwsConfig().endpoint;
    const endpoint = given.has('port') || !configured ? `http://127.0.0.1:${options.port}` : configured.origin;
    const report = await runProbe({ endpoint, logger: await localStackLogger(options.port) });
    writeProbeReport(report, localStackPaths(options.port).probeFile);
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return 0;
  },
});

export default defineCommand({
  name: 'localstack',
  summary: 'start|stop|status|probe the project-local LocalStack',
  options: {},
  subcommands: [start, stop, status, probe],
});
