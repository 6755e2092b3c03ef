import { copyFileSync, existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LocalStackPaths } from './state-paths.ts';

const HOOK_MODULE = fileURLToPath(new URL('./stepforge_listen_host.py', import.meta.url));

/** The venv's site-packages folder (`lib/python3.X/site-packages`). */
function sitePackages(venv: string): string {
  const lib = join(venv, 'lib');
  const python = readdirSync(lib).find((name) => name.startsWith('python3.') && existsSync(join(lib, name, 'site-packages')));
  if (!python) throw new Error(`no site-packages under ${lib}`);
  return join(lib, python, 'site-packages');
}

/**
 * Installs `stepforge_listen_host` (see the module: it binds LocalStack's faster twisted server to the host asked
 * for) into the venv, with the `.pth` line that imports it at start-up. Rewritten on every start, so an edit of the
 * module reaches existing venvs.
 */
export function installListenHostHook(paths: LocalStackPaths): void {
  const site = sitePackages(paths.venv);
  copyFileSync(HOOK_MODULE, join(site, 'stepforge_listen_host.py'));
  writeFileSync(join(site, 'stepforge_listen_host.pth'), 'import stepforge_listen_host\n');
}
