/**
 * The command table: one line per command, each a file declaring its options and its `run` (see command.ts).
 * A command file is light to load (its heavy modules are imported inside `run`), so `stepforge worker` does not pay
 * for ts-morph and `stepforge generate` does not load the AWS SDK, while `stepforge --help` can read them all.
 */
import type { CommandDefinition } from './command.ts';

type Loader = () => Promise<{ readonly default: CommandDefinition }>;

export const commands: Readonly<Record<string, Loader>> = {
  init: () => import('./init-command.ts'),
  generate: () => import('./generate-command.ts'),
  validate: () => import('./validate-command.ts'),
  localstack: () => import('./localstack-command.ts'),
  deploy: () => import('./deploy-command.ts'),
  start: () => import('./start-command.ts'),
  history: () => import('./history-command.ts'),
  dev: () => import('./dev-command.ts'),
  worker: () => import('./worker-command.ts'),
  serve: () => import('./serve-command.ts'),
  'build-edge': () => import('./build-edge-command.ts'),
  import: () => import('./import-command.ts'),
  run: () => import('./run-command.ts'),
  'run-local': () => import('./run-local-command.ts'),
};

/** Every definition, in table order. */
export async function loadCommands(): Promise<CommandDefinition[]> {
  return Promise.all(Object.values(commands).map(async (load) => (await load()).default));
}
