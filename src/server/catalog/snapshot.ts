import type { BuildReader } from './build-reader.ts';
import { createWorkflowCatalog } from './catalog.ts';

/**
 * The files of a build folder that the catalog reads (deployment.json and each workflow's ASL, schema and diagram),
 * by path, for a runtime without a file system: found by running the catalog itself over `reader` and keeping what
 * it read, so what it reads is said in one place. Empty when nothing is deployed yet.
 */
export async function snapshotBuild(reader: BuildReader): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  const recording: BuildReader = {
    async readText(path) {
      const text = await reader.readText(path);
      if (text !== undefined) files[path] = text;
      return text;
    },
  };
  const catalog = createWorkflowCatalog({ reader: recording, now: () => 0 });
  const deployment = await catalog.deployment();
  for (const name of Object.keys(deployment?.workflows ?? {})) {
    const entry = await catalog.workflow(name);
    if (entry) await catalog.details(entry);
  }
  return files;
}
