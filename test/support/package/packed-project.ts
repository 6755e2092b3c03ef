// The package as a user gets it: `npm pack` of this repository (prepack builds dist/), `stepforge init` run from that
// tarball in a temporary folder outside the repository, then `npm install` (the tarball as a file: dependency,
// everything else from the registry through the npm cache).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { type CommandResult, cleanEnv, runCommand } from './run-command.ts';

const root = new URL('../../../', import.meta.url).pathname;
const QUIET_INSTALL = ['--prefer-offline', '--no-audit', '--no-fund'];

export interface PackedTarball {
  readonly file: string;
  readonly packedBytes: number;
  readonly unpackedBytes: number;
  readonly files: readonly string[];
  readonly ms: number;
}

export interface InstalledProject {
  readonly dir: string;
  readonly tarball: PackedTarball;
  readonly initMs: number;
  readonly installMs: number;
  /** `du` of node_modules after the install, and of the installed stepforge alone. */
  readonly installedBytes: number;
  readonly stepforgeBytes: number;
}

function check(what: string, result: { status: number | null; stderr: string; stdout: string }): void {
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}: ${result.stderr || result.stdout}`);
}

export async function packStepforge(into: string): Promise<PackedTarball> {
  const packed = await runCommand('npm', ['pack', '--json', '--pack-destination', into], {
    cwd: root,
    env: cleanEnv(),
    timeoutMs: 180_000,
  });
  check('npm pack', packed);
  const [report] = JSON.parse(packed.stdout) as [
    { filename: string; size: number; unpackedSize: number; files: { path: string }[] },
  ];
  return {
    file: join(into, report.filename),
    packedBytes: report.size,
    unpackedBytes: report.unpackedSize,
    files: report.files.map((file) => file.path),
    ms: packed.ms,
  };
}

async function diskBytes(path: string): Promise<number> {
  const du = await runCommand('du', ['-sb', path], { cwd: root });
  return Number(du.stdout.split(/\s/)[0]);
}

/**
 * `stepforge init <name>` in `parent` by the tarball's own bin and dist/, then `npm install` in the new project. The
 * tarball is unpacked under the repository's .stepforge/ so that its imports find the repository's node_modules (the
 * same pinned versions): what `npx stepforge init` runs, without a second 20-second install into npx's cache.
 */
export async function initAndInstall(tarball: PackedTarball, parent: string, name: string): Promise<InstalledProject> {
  const env = cleanEnv({ STEPFORGE_INIT_DEPENDENCY: `file:${tarball.file}` });
  mkdirSync(join(root, '.stepforge'), { recursive: true });
  const unpacked = mkdtempSync(join(root, '.stepforge/tmp-package-'));
  let init: CommandResult;
  try {
    check('tar', await runCommand('tar', ['-xzf', tarball.file, '-C', unpacked], { cwd: parent }));
    init = await runCommand(process.execPath, [join(unpacked, 'package/bin/stepforge.mjs'), 'init', name], {
      cwd: parent,
      env,
    });
  } finally {
    rmSync(unpacked, { recursive: true, force: true });
  }
  check('stepforge init', init);
  const dir = join(parent, name);
  const install = await runCommand('npm', ['install', ...QUIET_INSTALL], { cwd: dir, env, timeoutMs: 180_000 });
  check('npm install', install);
  return {
    dir,
    tarball,
    initMs: init.ms,
    installMs: install.ms,
    installedBytes: await diskBytes(join(dir, 'node_modules')),
    stepforgeBytes: await diskBytes(join(dir, 'node_modules/stepforge')),
  };
}
