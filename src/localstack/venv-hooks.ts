import { copyFileSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LocalStackError } from './localstack-error.ts';
import type { LocalStackPaths } from './state-paths.ts';

const HOOKS_MODULE = fileURLToPath(new URL('./stepforge_localstack_hooks.py', import.meta.url));

/** The venv's site-packages folder (`lib/python3.X/site-packages`), or undefined before the venv is installed. */
export function findSitePackages(venv: string): string | undefined {
  const lib = join(venv, 'lib');
  const python = existsSync(lib)
    ? readdirSync(lib).find((name) => name.startsWith('python3.') && existsSync(join(lib, name, 'site-packages')))
    : undefined;
  return python === undefined ? undefined : join(lib, python, 'site-packages');
}

/**
 * Installs `stepforge_localstack_hooks` (see the module: LocalStack's faster server bound to the host asked for, and
 * activity polls answered without a one-second sleep) into the venv, with the `.pth` line that imports it at
 * start-up. Rewritten on every start, so an edit of the module reaches existing venvs.
 */
export function installVenvHooks(paths: LocalStackPaths): void {
  const site = findSitePackages(paths.venv);
  if (site === undefined)
    throw new LocalStackError(`no site-packages under ${join(paths.venv, 'lib')}: is the venv installed?`);
  // The single-purpose hook of an earlier version.
  for (const old of ['stepforge_listen_host.py', 'stepforge_listen_host.pth']) rmSync(join(site, old), { force: true });
  copyFileSync(HOOKS_MODULE, join(site, 'stepforge_localstack_hooks.py'));
  writeFileSync(join(site, 'stepforge_localstack_hooks.pth'), 'import stepforge_localstack_hooks\n');
}
