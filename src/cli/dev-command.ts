import { defineCommand } from './command.ts';

export default defineCommand({
  name: 'dev',
  summary: 'LocalStack + generate + deploy + workers + serve, redeploying when workflows/ changes (= npm start)',
  options: {
    port: { type: 'integer', default: 8787, min: 0, max: 65535, description: 'the HTTP server port' },
    host: { type: 'string', default: '127.0.0.1', description: 'the address the HTTP server binds' },
    workflows: {
      type: 'string',
      default: 'workflows',
      placeholder: 'dir',
      description: 'the folder of workflow files',
    },
    build: { type: 'string', default: 'build', placeholder: 'dir', description: 'where generate writes' },
    prefix: { type: 'string', default: '', description: 'put before every deployed resource name' },
  },
  details:
    'AWS_ENDPOINT_URL defaults to http://127.0.0.1:4566 and the credentials to LocalStack test ones; DEV_MODE=1.',
  async run({ options }) {
    const { createLogger, loggerOptionsFromConfig, processEnv, readAwsConfig } = await import('../aws/index.ts');
    const { runDevLoop } = await import('../dev/index.ts');
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
    const logger = createLogger(loggerOptionsFromConfig(config, env)).child({ component: 'dev' });
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
      port: options.port,
      host: options.host,
      cwd: process.cwd(),
      workflowsDir: options.workflows,
      buildDir: options.build,
      prefix: options.prefix,
      quietMs: 300,
      logger,
      stopSignal,
      env,
    });
  },
});
