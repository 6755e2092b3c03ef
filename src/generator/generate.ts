import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import {
  analyse,
  type Finding,
  hasErrors,
  locate,
  SECOND_OPINION_ABSENT,
  secondOpinionAvailable,
  type SourceLocation,
} from './analyse/index.ts';
import { isJsonObject } from './asl/json.ts';
import { discoverWorkflows, type DiscoveredWorkflow } from './discover/discover.ts';
import { GenerateError } from './generate-error.ts';
import { checkAgainstProbe, PROBE_FILE, readProbe } from './probe/probe-check.ts';
import { createSchemaProject, inputSchemaFor } from './schema/from-type.ts';
import { canonicalAsl } from './write/canonical-asl.ts';
import { aslPath, aslYamlPath, diagramPath, MANIFEST_FILE, manifestOf, schemaPath } from './write/manifest.ts';
import { toMermaid } from './write/mermaid.ts';
import { type CompiledWorkflow, tasksOf } from './write/project.ts';
import { SERVERLESS_FILE, toServerlessYaml } from './write/serverless.ts';
import { toJsonText, toYamlText } from './write/text-formats.ts';

export type Target = 'localstack' | 'aws';

export interface GenerateOptions {
  /** The project root: `.stepforge/` lives here; paths below are relative to it. */
  readonly projectRoot: string;
  readonly workflowsDir?: string;
  /**
   * Where the build goes (default `build`). Given, `serverless-localstack.yml` goes in it too; by default it is
   * written at the project root, where the Serverless Framework looks for it.
   */
  readonly outDir?: string;
  readonly target?: Target;
  /** With `--target localstack`, features the probe found unsupported are errors, not warnings. */
  readonly strict?: boolean;
  /** Run asl-validator as a second opinion (default true). */
  readonly secondOpinion?: boolean;
}

export interface WorkflowFinding extends Finding {
  readonly workflow: string;
}

/** Everything a run would write (path relative to the project root -> text) and what the analysis found. */
export interface GenerateOutcome {
  readonly workflows: readonly CompiledWorkflow[];
  readonly files: ReadonlyMap<string, string>;
  readonly findings: readonly WorkflowFinding[];
  readonly warnings: readonly string[];
  readonly outDir: string;
}

function relativeLocations(locations: ReadonlyMap<string, SourceLocation>, root: string): Map<string, SourceLocation> {
  const result = new Map<string, SourceLocation>();
  for (const [path, location] of locations) {
    const file = isAbsolute(location.file) ? relative(root, location.file) : location.file;
    result.set(path, { ...location, file });
  }
  return result;
}

function compileOne(entry: DiscoveredWorkflow, root: string): CompiledWorkflow {
  const { workflow } = entry;
  const raw = workflow.toAsl();
  if (!isJsonObject(raw))
    throw new GenerateError(
      `${relative(root, entry.file)}: workflow "${workflow.name}".toAsl() did not return an object`,
    );
  if (workflow.type !== 'STANDARD' && workflow.type !== 'EXPRESS') {
    throw new GenerateError(
      `${relative(root, entry.file)}: workflow "${workflow.name}".type must be STANDARD or EXPRESS`,
    );
  }
  const resources = workflow.resources();
  // Workflows loaded from an older stepforge have no workerEnvironment().
  const workerEnvironment = workflow.workerEnvironment?.() ?? {};
  return {
    name: workflow.name,
    type: workflow.type,
    asl: canonicalAsl(raw),
    resources,
    tasks: tasksOf(resources),
    ...(Object.keys(workerEnvironment).length
      ? { workerEnvironment: workerEnvironment as Record<string, Record<string, string>> }
      : {}),
  };
}

/**
 * Discovers, compiles and analyses every workflow, in memory. Nothing is written: `writeOutcome` does that, and only
 * when the findings hold no error.
 */
export async function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  const root = resolve(options.projectRoot);
  const workflowsDir = resolve(root, options.workflowsDir ?? 'workflows');
  const outDir = resolve(root, options.outDir ?? 'build');
  const discovered = await discoverWorkflows(workflowsDir, root);
  const probe = options.target === 'localstack' ? readProbe(join(root, PROBE_FILE)) : undefined;
  const schemaProjects = discovered.length > 0 ? createSchemaProject(root) : undefined;

  const workflows: CompiledWorkflow[] = [];
  const findings: WorkflowFinding[] = [];
  const warnings: string[] = [];
  const files = new Map<string, string>();
  const outPath = (path: string) => relative(root, join(outDir, path));
  if (options.target === 'localstack' && !probe)
    warnings.push(`no ${PROBE_FILE}: run \`stepforge localstack probe\` to check features against LocalStack`);

  if (options.secondOpinion !== false && discovered.length > 0 && !secondOpinionAvailable())
    warnings.push(SECOND_OPINION_ABSENT);

  for (const entry of discovered) {
    const compiled = compileOne(entry, root);
    workflows.push(compiled);
    const locations = relativeLocations(entry.workflow.locations(), root);
    const found = analyse(compiled.asl, { locations, type: compiled.type, secondOpinion: options.secondOpinion });
    const probed = probe ? checkAgainstProbe(compiled.asl, probe, options.strict === true) : [];
    for (const finding of [...found, ...probed]) {
      const location = finding.location ?? locate(finding.statePath, locations);
      findings.push({ ...finding, ...(location ? { location } : {}), workflow: compiled.name });
    }
    // The workflow(...) call site picks the call in a module declaring several; without one, the module is enough.
    const site = entry.workflow.locations().get('');
    const typeSite = site && isAbsolute(site.file) ? { file: site.file, line: site.line } : { file: entry.file };
    const { schema, warnings: schemaWarnings } = inputSchemaFor(schemaProjects!, typeSite, compiled.name);
    warnings.push(...schemaWarnings);
    files.set(outPath(aslPath(compiled.name)), toJsonText(compiled.asl));
    files.set(outPath(aslYamlPath(compiled.name)), toYamlText(compiled.asl));
    files.set(outPath(schemaPath(compiled.name)), toJsonText(schema));
    files.set(outPath(diagramPath(compiled.name)), toMermaid(compiled.asl));
  }
  files.set(outPath(MANIFEST_FILE), toJsonText(manifestOf(workflows)));
  files.set(options.outDir === undefined ? SERVERLESS_FILE : outPath(SERVERLESS_FILE), toServerlessYaml(workflows));
  return { workflows, files, findings, warnings, outDir };
}

/** The generated folders: files in them that this run did not produce are left over from a removed workflow. */
const OWNED_FOLDERS: Record<string, RegExp> = {
  asl: /\.asl\.(json|yaml)$/,
  schema: /\.input\.json$/,
  diagrams: /\.mmd$/,
};

/** Writes what `generate` produced; refuses when any finding is an error, so a failed run leaves build/ as it was. */
export function writeOutcome(outcome: GenerateOutcome, projectRoot: string): string[] {
  if (hasErrors(outcome.findings)) throw new GenerateError('the analysis found errors; nothing was written');
  const root = resolve(projectRoot);
  const written: string[] = [];
  for (const [path, text] of outcome.files) {
    const absolute = join(root, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
    written.push(path);
  }
  const produced = new Set([...outcome.files.keys()].map((path) => join(root, path)));
  for (const [folder, pattern] of Object.entries(OWNED_FOLDERS)) {
    const directory = join(outcome.outDir, folder);
    if (!existsSync(directory)) continue;
    for (const entry of readdirSync(directory)) {
      const absolute = join(directory, entry);
      if (pattern.test(entry) && !produced.has(absolute)) rmSync(absolute);
    }
  }
  return written.sort();
}
