import { createLogger, loggerOptionsFromConfig, processEnv, readAwsConfig } from '../aws/index.ts';
import { runDevLoop } from '../dev/index.ts';
import { integerOption, parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';

/** `stepforge dev [--port 8787] [--host 127.0.0.1] [--workflows workflows] [--build build] [--prefix P]` (= npm start) */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv);
  rejectUnknownOptions(args, ['port', 'host', 'workflows', 'build', 'prefix']);
  if (args.positionals.length) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const port = integerOption(args, 'port', 8787);
  if (port > 65535) throw new UsageError(`--port must be at most 65535, got ${port}`);
  const base = processEnv();
  // dev is the LocalStack loop: default the endpoint and LocalStack's test credentials instead of reaching for AWS.
  const env: NodeJS.ProcessEnv = {
    ...base,
    AWS_ENDPOINT_URL: base.AWS_ENDPOINT_URL ?? 'http://127.0.0.1:4566',
    AWS_REGION: base.AWS_REGION ?? 'us-east-1',
    AWS_ACCESS_KEY_ID: base.AWS_ACCESS_KEY_ID ?? 'test',
    AWS_SECRET_ACCESS_KEY: base.AWS_SECRET_ACCESS_KEY ?? 'test',
    DEV_MODE: base.DEV_MODE ?? '1',
  };
  const config = readAwsConfig(env);
  const logger = createLogger(loggerOptionsFromConfig(config)).child({ component: 'dev' });
  const stopSignal = new Promise<string>((resolve) => {
    let received = false;
    const onSignal = (signal: string) => {
      // A second Ctrl-C must not kill the loop half-way: LocalStack (its own process group) would outlive it.
      if (received) return void logger.warn(`${signal} again: already stopping (within 10 s)`);
      received = true;
      resolve(signal);
    };
    // A closed terminal (or `npm start` going away) must stop the loop and its children too.
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => onSignal(signal));
  });
  return runDevLoop({
    port,
    host: stringOption(args, 'host') ?? '127.0.0.1',
    cwd: process.cwd(),
    workflowsDir: stringOption(args, 'workflows') ?? 'workflows',
    buildDir: stringOption(args, 'build') ?? 'build',
    prefix: stringOption(args, 'prefix') ?? '',
    quietMs: 300,
    logger,
    stopSignal,
    env,
  });
}
