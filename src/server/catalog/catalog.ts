import type { JsonSchema } from '../validation/index.ts';
import type { BuildReader } from './build-reader.ts';
import { DEPLOYMENT_FILE, type DeployedWorkflow, type Deployment, parseDeployment } from '../../contracts/index.ts';

export interface WorkflowEntry {
  readonly name: string;
  readonly stateMachineArn: string;
  readonly deployed: DeployedWorkflow;
}

export interface WorkflowDetails extends WorkflowEntry {
  readonly asl: unknown;
  readonly inputSchema: JsonSchema;
  readonly diagram: string | null;
}

/** What the server knows of the deployed workflows, re-read when deploy rewrites build/. */
export interface WorkflowCatalog {
  /** undefined when nothing is deployed yet (no deployment.json). */
  deployment(): Promise<Deployment | undefined>;
  workflow(name: string): Promise<WorkflowEntry | undefined>;
  details(entry: WorkflowEntry): Promise<WorkflowDetails>;
}

export interface CatalogOptions {
  readonly reader: BuildReader;
  readonly now: () => number;
  /** How long a read stays fresh: short enough to see a redeploy, long enough that a busy route does not re-read per request. */
  readonly ttlMs?: number;
}

function parseJson(text: string | undefined, source: string): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${source}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

export function createWorkflowCatalog(options: CatalogOptions): WorkflowCatalog {
  const ttl = options.ttlMs ?? 1000;
  const cache = new Map<string, { readonly at: number; readonly value: Promise<unknown> }>();
  const cached = <T>(key: string, load: () => Promise<T>): Promise<T> => {
    const hit = cache.get(key);
    if (hit && options.now() - hit.at < ttl) return hit.value as Promise<T>;
    const value = load();
    cache.set(key, { at: options.now(), value });
    value.catch(() => cache.delete(key));
    return value;
  };

  const deployment = () =>
    cached(DEPLOYMENT_FILE, async () => {
      const text = await options.reader.readText(DEPLOYMENT_FILE);
      return text === undefined ? undefined : parseDeployment(text);
    });

  return {
    deployment,
    async workflow(name) {
      const current = await deployment();
      if (!current || !Object.hasOwn(current.workflows, name)) return undefined;
      const deployed = current.workflows[name]!;
      return { name, stateMachineArn: deployed.stateMachineArn, deployed };
    },
    details(entry) {
      const { asl, schema, diagram } = entry.deployed;
      // Cached whole, so a parsed schema keeps its identity and its compiled validator can be reused.
      return cached(`details:${entry.name}:${asl}:${schema}:${diagram}:${entry.stateMachineArn}`, async () => {
        const read = (path: string | undefined) =>
          path === undefined ? Promise.resolve(undefined) : options.reader.readText(path);
        const [aslText, schemaText, diagramText] = await Promise.all([read(asl), read(schema), read(diagram)]);
        const inputSchema = parseJson(schemaText, schema ?? 'schema');
        return {
          ...entry,
          asl: parseJson(aslText, asl ?? 'asl') ?? null,
          // No schema file means the generator gave none: any JSON input is accepted.
          inputSchema:
            typeof inputSchema === 'object' || typeof inputSchema === 'boolean' ? (inputSchema as JsonSchema) : true,
          diagram: diagramText ?? null,
        };
      });
    },
  };
}
