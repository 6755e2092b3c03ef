import { mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Env, processEnv } from '../aws/index.ts';
import { isDevLoopProcess } from './process-group.ts';
import { stateRoot } from './state-paths.ts';

/**
 * What a running `stepforge dev` tells other stepforge commands of the same project: where its LocalStack is. One
 * file per loop (`.stepforge/dev/<pid>.json`), so loops of several projects sharing one `STEPFORGE_STATE_DIR` never
 * overwrite each other; a reader keeps only the live ones for its own project.
 */
export interface StackRecord {
  /** The dev loop's pid. */
  readonly pid: number;
  /** The loop's working directory (real path): the project it serves. */
  readonly project: string;
  readonly endpoint: string;
  /** The loop's HTTP API. */
  readonly api: string;
  /** Set when the loop started this LocalStack and stops it on exit. */
  readonly localStackPid?: number;
}

function recordsDir(env: Env): string {
  return join(stateRoot(env), 'dev');
}

export function projectPath(dir: string): string {
  try {
    return realpathSync(dir);
  } catch {
    return dir;
  }
}

export function writeStackRecord(record: StackRecord, env: Env = processEnv()): string {
  const dir = recordsDir(env);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `${record.pid}.json`);
  writeFileSync(path, `${JSON.stringify(record, null, 2)}\n`);
  return path;
}

export function removeStackRecord(pid: number, env: Env = processEnv()): void {
  rmSync(join(recordsDir(env), `${pid}.json`), { force: true });
}

function parseRecord(text: string): StackRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<StackRecord>;
    const valid =
      typeof value.pid === 'number' && typeof value.project === 'string' && typeof value.endpoint === 'string';
    return valid ? (value as StackRecord) : undefined;
  } catch {
    return undefined;
  }
}

/** The records of dev loops still running for `project`, oldest pid first; records of dead loops are removed. */
export function liveStackRecords(project: string, env: Env = processEnv()): StackRecord[] {
  const dir = recordsDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((name) => /^\d+\.json$/.test(name));
  } catch {
    return [];
  }
  const wanted = projectPath(project);
  const live: StackRecord[] = [];
  for (const name of names) {
    let record: StackRecord | undefined;
    try {
      record = parseRecord(readFileSync(join(dir, name), 'utf8'));
    } catch {
      continue;
    }
    if (!record || !isDevLoopProcess(record.pid)) {
      rmSync(join(dir, name), { force: true });
      continue;
    }
    if (record.project === wanted) live.push(record);
  }
  return live.sort((a, b) => a.pid - b.pid);
}
