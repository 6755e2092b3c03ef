// Prints every example workflow's ASL and locations as JSON: run under Node, Bun and Deno by runtimes.test.ts.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isWorkflow } from '../../../src/dsl/index.ts';

const workflows = join(dirname(fileURLToPath(import.meta.url)), '../../../workflows');
const rendered: Record<string, unknown> = {};
for (const file of readdirSync(workflows)
  .filter((entry) => entry.endsWith('.ts'))
  .sort()) {
  const module = (await import(join(workflows, file))) as Record<string, unknown>;
  for (const value of Object.values(module)) {
    if (!isWorkflow(value)) continue;
    const lines = [...value.locations()]
      .filter(([path]) => !path.includes('/'))
      .map(([path, site]) => [path, site.line]);
    rendered[value.name] = { asl: value.toAsl(), resources: value.resources(), lines };
  }
}
process.stdout.write(JSON.stringify(rendered));
