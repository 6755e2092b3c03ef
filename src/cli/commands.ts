/**
 * The command table. Each command lives in its own module and is loaded only when it runs, so `stepforge worker`
 * does not pay for ts-morph and `stepforge generate` does not load the AWS SDK.
 */
export interface Command {
  readonly summary: string;
  run(argv: readonly string[]): Promise<number>;
}

function lazy(summary: string, load: () => Promise<{ run(argv: readonly string[]): Promise<number> }>): Command {
  return { summary, run: async (argv) => (await load()).run(argv) };
}

export const commands: Record<string, Command> = {
  generate: lazy(
    'compile workflows/ into build/ (ASL, YAML, schemas, diagrams) and serverless-localstack.yml',
    () => import('./generate-command.ts'),
  ),
  validate: lazy(
    'generate in memory and analyse; exit 1 with file:line of each error',
    () => import('./validate-command.ts'),
  ),
  localstack: lazy('start|stop|status|probe the project-local LocalStack', () => import('./localstack-command.ts')),
  deploy: lazy(
    'create/update buckets, queues, activities and state machines from build/',
    () => import('./deploy-command.ts'),
  ),
  start: lazy(
    'start an execution of a deployed workflow (--wait follows its steps)',
    () => import('./start-command.ts'),
  ),
  history: lazy('the step history of an execution, as a table or --json', () => import('./history-command.ts')),
  dev: lazy(
    'LocalStack + generate + deploy + workers + serve, redeploying when workflows/ changes',
    () => import('./dev-command.ts'),
  ),
  worker: lazy(
    'run a task container (list-and-publish, consume, action, zip-archive) until SIGTERM',
    () => import('./worker-command.ts'),
  ),
  serve: lazy('the HTTP server (--port 8787, --host 127.0.0.1, --build build)', () => import('./serve-command.ts')),
  import: lazy(
    'turn an ASL definition (JSON, JSON5, YAML; a state machine or one state) into DSL source',
    () => import('./import-command.ts'),
  ),
  run: lazy('run one task once outside Step Functions and print its output JSON', () => import('./run-command.ts')),
  'run-local': lazy(
    'run a workflow in-process (stepforge/testing, mocked tasks, virtual time) and print its steps table',
    () => import('./run-local-command.ts'),
  ),
};
