// The Serverless Framework (osls 3, with serverless-step-functions and serverless-localstack) run for real on what
// `stepforge generate` writes: the examples of workflows/ compiled into a scratch project.
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, hasErrors, type Target } from '../../../src/generator/index.ts';
import type { CompiledWorkflow } from '../../../src/generator/write/project.ts';
import { SERVERLESS_FILE } from '../../../src/generator/write/serverless.ts';

export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const osls = join(repoRoot, 'node_modules/osls/bin/serverless.js');

export interface ScratchProject {
  /** The service folder: serverless-localstack.yml, build/ and a link to the repository's node_modules. */
  readonly dir: string;
  readonly buildDir: string;
  readonly workflows: readonly CompiledWorkflow[];
}

/** The examples generated into a scratch project the Serverless Framework can run in (it loads plugins from there). */
export async function scratchProject(label: string, target: Target): Promise<ScratchProject> {
  const dir = await mkdtemp(join(tmpdir(), `stepforge-sls-${label}-`));
  const buildDir = join(dir, 'build');
  const outcome = await generate({
    projectRoot: repoRoot,
    workflowsDir: 'workflows',
    outDir: buildDir,
    target,
    secondOpinion: false,
  });
  if (hasErrors(outcome.findings)) throw new Error(`generate found errors: ${JSON.stringify(outcome.findings)}`);
  for (const [path, text] of outcome.files) {
    // Paths are relative to the repository; the Serverless file (written into the build folder, since --out is
    // given) goes to the scratch project's root, where osls looks for it.
    const absolute = basename(path) === SERVERLESS_FILE ? join(dir, SERVERLESS_FILE) : resolve(repoRoot, path);
    await mkdir(dirname(absolute), { recursive: true });
    await writeFile(absolute, text);
  }
  await symlink(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  return { dir, buildDir, workflows: outcome.workflows };
}

export interface OslsResult {
  readonly code: number;
  readonly output: string;
}

/**
 * `osls <command> --config serverless-localstack.yml ...` in the project, with only the environment given (plus PATH):
 * no AWS variables leak in from the machine, and HOME is the project so the framework's own files stay there.
 */
export function runOsls(
  project: ScratchProject,
  args: readonly string[],
  env: Record<string, string>,
  timeoutMs = 150_000,
): Promise<OslsResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [osls, ...args, '--config', SERVERLESS_FILE],
      {
        cwd: project.dir,
        env: {
          PATH: process.env.PATH ?? '',
          HOME: project.dir,
          SLS_TELEMETRY_DISABLED: '1',
          SLS_NOTIFICATIONS_MODE: 'off',
          ...env,
        },
        timeout: timeoutMs,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, output: `${stdout}${stderr}` });
      },
    );
  });
}

/** The CloudFormation template `osls package` (or deploy) wrote. */
export async function packagedTemplate(
  project: ScratchProject,
): Promise<{ Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }> {
  return JSON.parse(await readFile(join(project.dir, '.serverless/cloudformation-template-update-stack.json'), 'utf8'));
}
