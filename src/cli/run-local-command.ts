import { readFile } from 'node:fs/promises';
import { basename, extname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import JSON5 from 'json5';
import { isWorkflow, type Workflow } from '../dsl/index.ts';
import { discoverWorkflows } from '../generator/discover/discover.ts';
import { RunnerError, runWorkflow, type TaskMocks } from '../testing/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { readJsonInput } from './json-input.ts';
import { formatStepTable } from './step-table.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'usage: stepforge run-local <workflow|file.ts|asl.json|asl.yaml> --input JSON|@file [--mocks file] [--json] [--workflows workflows]';

type Source = Workflow<any, any> | Record<string, unknown> | string;

/**
 * `stepforge run-local <workflow> --input ... [--mocks file] [--json]`: runs the workflow in-process with
 * stepforge/testing (virtual time, tasks from the mocks module) and prints its steps table, or the run as JSON.
 * Exit 0 when the execution succeeded, 1 when it failed or timed out, 2 for a usage mistake (a reached Task with no mock
 * included).
 */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['json']);
  rejectUnknownOptions(args, ['input', 'mocks', 'json', 'workflows']);
  const [target, extra] = args.positionals;
  if (!target || extra) throw new UsageError(USAGE);
  const inputText = stringOption(args, 'input');
  if (inputText === undefined) throw new UsageError(`--input is required; ${USAGE}`);
  const input = await readJsonInput(inputText);
  const source = await loadWorkflow(target, stringOption(args, 'workflows') ?? 'workflows');
  const mocksFile = stringOption(args, 'mocks');
  const tasks = mocksFile === undefined ? {} : await loadMocks(mocksFile);
  let result: Awaited<ReturnType<typeof runWorkflow>>;
  try {
    result = await runWorkflow(source as never, input, { tasks });
  } catch (error) {
    if (error instanceof RunnerError) throw new UsageError(`${error.message} (with run-local: in the --mocks module)`);
    throw error;
  }
  const { status, output, error, cause, steps } = result;
  if (args.options.json) {
    process.stdout.write(`${JSON.stringify({ status, output, error, cause, steps }, null, 2)}\n`);
  } else {
    const end =
      status === 'SUCCEEDED' ? `output ${JSON.stringify(output)}` : `${error ?? ''}${cause ? `: ${cause}` : ''}`;
    process.stdout.write(`${formatStepTable(steps)}${status}  ${end}\n`);
  }
  return status === 'SUCCEEDED' ? 0 : 1;
}

const ASL_EXTENSIONS = new Set(['.json', '.json5', '.yaml', '.yml']);
const MODULE_EXTENSIONS = new Set(['.ts', '.mts', '.js', '.mjs']);

/** An ASL file, a module exporting one DSL workflow, or the name of a workflow in the workflows folder. */
async function loadWorkflow(target: string, workflowsDir: string): Promise<Source> {
  const extension = extname(target).toLowerCase();
  if (ASL_EXTENSIONS.has(extension)) {
    const text = await readFile(target, 'utf8').catch((error: Error) => {
      throw new UsageError(`${target}: cannot read the definition (${error.message})`);
    });
    if (extension !== '.json5') return text;
    try {
      return JSON5.parse(text) as Record<string, unknown>;
    } catch (error) {
      throw new UsageError(`${target}: not valid JSON5 (${(error as Error).message})`);
    }
  }
  if (MODULE_EXTENSIONS.has(extension)) {
    const module = await importModule(target);
    const workflows = [...new Set(Object.values(module).filter(isWorkflow))];
    if (workflows.length !== 1)
      throw new UsageError(`${target} exports ${workflows.length} workflows; run-local needs exactly one`);
    return workflows[0] as Workflow<any, any>;
  }
  const found = await discoverWorkflows(workflowsDir);
  const match = found.find(
    (entry) => entry.workflow.name === target || basename(entry.file).replace(/\.m?ts$/, '') === target,
  );
  if (!match) {
    const names = found.map((entry) => entry.workflow.name).join(', ');
    throw new UsageError(`no workflow "${target}" in ${workflowsDir}/ (found: ${names || 'none'})`);
  }
  return match.workflow as unknown as Workflow<any, any>;
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
  try {
    return (await import(pathToFileURL(resolve(file)).href)) as Record<string, unknown>;
  } catch (error) {
    throw new UsageError(`${file}: cannot load the module (${(error as Error).message})`);
  }
}
