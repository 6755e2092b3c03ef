// Rebuilds src/console/assets.generated.ts before a browser test when a client source is newer than it.
import { readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildConsoleAssets, CLIENT_DIR, GENERATED_FILE } from '../../../src/console/build.ts';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

export async function ensureConsoleAssets(): Promise<void> {
  const built = statSync(GENERATED_FILE, { throwIfNoEntry: false })?.mtimeMs ?? 0;
  if (newestSource(CLIENT_DIR) <= built) return;
  writeFileSync(GENERATED_FILE, (await buildConsoleAssets()).module);
}
