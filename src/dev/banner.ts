import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Deployment } from '../deploy/index.ts';
import { sampleFromSchema, shellQuote } from './sample-input.ts';

export interface BannerFacts {
  readonly apiUrl: string;
  readonly endpoint: string;
  /** Set when the loop started LocalStack itself. */
  readonly localStackPid: number | undefined;
  readonly workflowsDir: string;
  readonly buildDir: string;
  readonly tasks: readonly string[];
  readonly deployment: Deployment | undefined;
  /** Whether `STEPFORGE_API_TOKEN` is set: the printed curl then sends it (by name, not by value). */
  readonly tokenSet: boolean;
}

/** The workflow the printed curl starts: the showcase when deployed (it needs no data), else the first by name. */
function exampleWorkflow(deployment: Deployment): string | undefined {
  const names = Object.keys(deployment.workflows).sort();
  return names.includes('showcase') ? 'showcase' : names[0];
}

async function exampleInput(buildDir: string, deployment: Deployment, workflow: string): Promise<string> {
  const schemaPath = deployment.workflows[workflow]?.schema;
  if (!schemaPath) return '{}';
  try {
    return JSON.stringify(sampleFromSchema(JSON.parse(await readFile(resolve(buildDir, schemaPath), 'utf8'))));
  } catch {
    return '{}';
  }
}

/** The ready banner: what runs where, and two commands to paste into another terminal. */
export async function readyBanner(facts: BannerFacts): Promise<string> {
  const owner =
    facts.localStackPid !== undefined
      ? `started by this loop, pid ${facts.localStackPid}`
      : 'already running; left running on exit';
  const lines = [
    '',
    'stepforge dev is running',
    `  API         ${facts.apiUrl}  (GET /workflows, GET /openapi.json, GET /health)`,
    `  console     ${facts.apiUrl}/ui/workflows  (open it in a browser)`,
    `  LocalStack  ${facts.endpoint}  (${owner})`,
    `  workers     ${facts.tasks.join(', ') || 'none (no deployed workflow uses a task)'}`,
  ];
  const deployment = facts.deployment;
  const workflow = deployment ? exampleWorkflow(deployment) : undefined;
  if (deployment && workflow) {
    const input = shellQuote(await exampleInput(facts.buildDir, deployment, workflow));
    // The token goes by name: printing its value would leave it in the terminal's scrollback.
    const auth = facts.tokenSet ? ` -H "authorization: Bearer $STEPFORGE_API_TOKEN"` : '';
    lines.push(
      `  workflows   ${Object.keys(deployment.workflows).sort().join(', ')}`,
      '',
      'Start an example execution (from any terminal in this project):',
      `  curl -sS -X POST ${facts.apiUrl}/workflows/${workflow}/executions -H 'content-type: application/json'${auth} -d ${input}`,
      `  npx stepforge start ${workflow} --input ${input} --wait`,
    );
    if (facts.tokenSet) lines.push('  (the curl reads STEPFORGE_API_TOKEN from that shell: export it there too)');
  } else {
    lines.push('', `Nothing deployed yet: add a workflow to ${facts.workflowsDir}/ (or fix the error above) and save.`);
  }
  lines.push('', `Watching ${facts.workflowsDir}/ for changes; Ctrl-C stops everything.`, '');
  return `${lines.join('\n')}\n`;
}
