import { readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { type Env, processEnv } from '../aws/index.ts';
import { LocalStackError } from './localstack-error.ts';
import { runCommand } from './run-command.ts';

/**
 * localstack-core 2026.3.0 needs Python 3.13 although its metadata says >=3.10: it uses PEP 695 generics (3.12) and
 * imports `warnings.deprecated` (new in 3.13) from `localstack.utils.tagging`, which every S3 request path loads.
 */
export const MINIMUM_PYTHON = { major: 3, minor: 13 } as const;

export interface PythonInterpreter {
  /** The resolved interpreter (`sys.executable`), not a shim. */
  readonly executable: string;
  readonly version: string;
  /** Which rule found it, for messages: `STEPFORGE_PYTHON`, `PATH python3.13`, `pyenv 3.13.0`, ... */
  readonly foundBy: string;
}

interface Candidate {
  readonly command: string;
  readonly foundBy: string;
}

/** In order: STEPFORGE_PYTHON; python3.N on PATH; pyenv versions (newest first); plain python3. */
export function pythonCandidates(env: Env = processEnv()): Candidate[] {
  const explicit = env.STEPFORGE_PYTHON?.trim();
  if (explicit) return [{ command: explicit, foundBy: 'STEPFORGE_PYTHON' }];
  const candidates: Candidate[] = [];
  for (let minor = 19; minor >= MINIMUM_PYTHON.minor; minor--) {
    candidates.push({ command: `python3.${minor}`, foundBy: `PATH python3.${minor}` });
  }
  const pyenvRoot = env.PYENV_ROOT?.trim() || join(env.HOME?.trim() || homedir(), '.pyenv');
  for (const version of pyenvVersions(pyenvRoot)) {
    candidates.push({ command: join(pyenvRoot, 'versions', version, 'bin', 'python3'), foundBy: `pyenv ${version}` });
  }
  candidates.push({ command: 'python3', foundBy: 'PATH python3' });
  return candidates;
}

function pyenvVersions(pyenvRoot: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(join(pyenvRoot, 'versions'));
  } catch {
    return [];
  }
  return entries
    .map((name) => ({ name, parts: /^3\.(\d+)\.(\d+)$/.exec(name) }))
    .filter((entry) => entry.parts && Number(entry.parts[1]) >= MINIMUM_PYTHON.minor)
    .sort((a, b) => Number(b.parts![1]) - Number(a.parts![1]) || Number(b.parts![2]) - Number(a.parts![2]))
    .map((entry) => entry.name);
}

// `venv` must import too: Debian's python3 without python3-venv would fail later with a less helpful message.
const REPORT_SCRIPT = 'import sys, venv; print("%d.%d.%d" % sys.version_info[:3]); print(sys.executable)';

/** Finds an interpreter able to run LocalStack, or says which ones were tried and why each was refused. */
export async function findPython(env: Env = processEnv()): Promise<PythonInterpreter> {
  const refused: string[] = [];
  for (const candidate of pythonCandidates(env)) {
    const result = await runCommand(candidate.command, ['-c', REPORT_SCRIPT], { timeoutMs: 15_000 });
    if (result.code !== 0) {
      const reason = result.stderr.trim().split('\n')[0] || `exit ${result.code}`;
      refused.push(`${candidate.command} (${candidate.foundBy}): ${reason}`);
      continue;
    }
    const [version = '', executable = ''] = result.stdout.trim().split('\n');
    const [major, minor] = version.split('.').map(Number);
    if (major !== MINIMUM_PYTHON.major || minor === undefined || minor < MINIMUM_PYTHON.minor) {
      refused.push(`${candidate.command} (${candidate.foundBy}): version ${version} is too old`);
      continue;
    }
    return { executable, version, foundBy: candidate.foundBy };
  }
  const wanted = `${MINIMUM_PYTHON.major}.${MINIMUM_PYTHON.minor}`;
  throw new LocalStackError(
    `LocalStack needs Python >= ${wanted} (set STEPFORGE_PYTHON to one); tried: ${refused.join('; ')}`,
  );
}
