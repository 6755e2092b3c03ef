import type { TaskMocks } from '../testing/index.ts';
import { defineCommand } from './command.ts';
import { readJsonInput } from './json-input.ts';
import { UsageError } from './usage-error.ts';

/** What runWorkflow takes: a DSL workflow, an ASL object, or ASL text (JSON or YAML). */
type Source = object | string;

const ASL_EXTENSIONS = new Set(['.json', '.json5', '.yaml', '.yml']);
const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/**
 * Runs a workflow in-process with stepforge/testing (virtual time, tasks from the mocks module) and prints its steps
 * table, or the run as JSON. Exit 0 when the execution succeeded, 1 when it failed or timed out, 2 for a usage mistake
 * (a reached Task with no mock included).
 */
export default defineCommand({
  name: 'run-local',
  summary: 'run a workflow in-process (stepforge/testing, mocked tasks, virtual time) and print its steps table',
  positionals: [
    {
      name: 'workflow',
      description: 'a workflow name from --workflows, a module exporting one workflow, or an ASL .json/.yaml file',
      required: true,
    },
  ],
  options: {
    input: { type: 'string', placeholder: 'JSON|@file', description: 'the execution input (required)' },
    mocks: {
      type: 'string',
      placeholder: 'file',
      description: 'a module exporting the task mocks as `tasks` (or its default export), by state name or ARN',
    },
    json: { type: 'boolean', description: 'print the run (status, output, error, cause, steps) as JSON' },
    workflows: {
      type: 'string',
      default: 'workflows',
      placeholder: 'dir',
      description: 'the folder of workflow files',
    },
  },
  async run({ options, positionals: [target = ''] }) {
    if (options.input === undefined) throw new UsageError('--input is required');
    const input = await readJsonInput(options.input);
    const source = await loadWorkflow(target, options.workflows);
    const tasks = options.mocks === undefined ? {} : await loadMocks(options.mocks);
    const { RunnerError, runWorkflow } = await import('../testing/index.ts');
    const { formatStepTable } = await import('./step-table.ts');
    let result: Awaited<ReturnType<typeof runWorkflow>>;
    try {
      result = await runWorkflow(source as never, input, { tasks });
    } catch (error) {
      if (error instanceof RunnerError)
        throw new UsageError(`${error.message} (with run-local: in the --mocks module)`);
      throw error;
    }
    const { status, output, error, cause, steps } = result;
    if (options.json) {
      process.stdout.write(`${JSON.stringify({ status, output, error, cause, steps }, null, 2)}\n`);
    } else {
      const end =
        status === 'SUCCEEDED' ? `output ${JSON.stringify(output)}` : `${error ?? ''}${cause ? `: ${cause}` : ''}`;
      process.stdout.write(`${formatStepTable(steps)}${status}  ${end}\n`);
    }
    return status === 'SUCCEEDED' ? 0 : 1;
  },
});

/** An ASL file, a module exporting one DSL workflow, or the name of a workflow in the workflows folder. */
async function loadWorkflow(target: string, workflowsDir: string): Promise<Source> {
  const { readFile } = await import('node:fs/promises');
  const { basename, extname } = await import('node:path');
  const extension = extname(target).toLowerCase();
  if (ASL_EXTENSIONS.has(extension)) {
    const text = await readFile(target, 'utf8').catch((error: Error) => {
      throw new UsageError(`${target}: cannot read the definition (${error.message})`);
    });
    if (extension !== '.json5') return text;
    const { default: JSON5 } = await import('json5');
    try {
      return JSON5.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${target}: not valid JSON5 (${(error as Error).message})`);
    }
  }
  const { isWorkflow } = await import('../dsl/index.ts');
  if (MODULE_EXTENSIONS.has(extension)) {
    const module = await importModule(target);
    const workflows = [...new Set(Object.values(module).filter(isWorkflow))];
    if (workflows.length !== 1)
      throw new UsageError(`${target} exports ${workflows.length} workflows; run-local needs exactly one`);
    return workflows[0] as object;
  }
  const { discoverWorkflows } = await import('../generator/discover/discover.ts');
  const found = await discoverWorkflows(workflowsDir);
  const match = found.find(
    (entry) => entry.workflow.name === target || basename(entry.file).replace(/\.m?ts$/, '') === target,
  );
  if (!match) {
    const names = found.map((entry) => entry.workflow.name).join(', ');
    throw new UsageError(`no workflow "${target}" in ${workflowsDir}/ (found: ${names || 'none'})`);
  }
  return match.workflow as object;
}

/** `--mocks file`: a module exporting the tasks map as `tasks` or as its default export. */
async function loadMocks(file: string): Promise<TaskMocks> {
  const module = await importModule(file);
  const tasks = module.tasks ?? module.default;
  if (typeof tasks !== 'object' || tasks === null)
    throw new UsageError(
      `--mocks ${file}: the module exports no tasks map (export const tasks = { StateName: handler })`,
    );
  return tasks as TaskMocks;
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const { resolve } = await import('node:path');
  const { importUserModule } = await import('../user-code/index.ts');
  try {
    return await importUserModule(resolve(file));
  } catch (error) {
    throw new UsageError(`${file}: cannot load the module (${(error as Error).message})`);
  }
}
