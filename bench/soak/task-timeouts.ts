// `--task-timeouts H,T`: until the DSL gives task-container steps defaults of its own, the soak can add them to the
// generated ASL before it is deployed, to show what they change (without them LocalStack times a Task out at 60 s
// and AWS waits for ever).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

type Json = Record<string, unknown>;

const RETRIED = ['States.Timeout', 'States.HeartbeatTimeout', 'Worker.Shutdown'];

/** A Task that waits on a stepforge worker: an activity, or an SQS message with a task token. */
function waitsOnWorker(state: Json): boolean {
  const resource = String(state.Resource ?? '');
  return (
    state.Type === 'Task' &&
    (resource.startsWith('${activity:') || resource.includes(':activity:') || resource.endsWith('.waitForTaskToken'))
  );
}

/** Adds what is missing to every worker Task, in nested Map and Parallel states too; returns how many it changed. */
export function addDefaultsToStates(states: Json, heartbeatSeconds: number, timeoutSeconds: number): number {
  let changed = 0;
  for (const state of Object.values(states) as Json[]) {
    if (waitsOnWorker(state)) {
      state.HeartbeatSeconds ??= heartbeatSeconds;
      state.TimeoutSeconds ??= timeoutSeconds;
      const retry = (state.Retry as Json[] | undefined) ?? [];
      state.Retry = [...retry, { ErrorEquals: RETRIED, IntervalSeconds: 2, MaxAttempts: 2, BackoffRate: 2 }];
      changed++;
    }
    const nested = [state.Iterator, state.ItemProcessor, ...((state.Branches as Json[] | undefined) ?? [])] as (
      | Json
      | undefined
    )[];
    for (const machine of nested)
      if (machine?.States) changed += addDefaultsToStates(machine.States as Json, heartbeatSeconds, timeoutSeconds);
  }
  return changed;
}

export async function addWorkerStepDefaults(
  buildDir: string,
  heartbeatSeconds: number,
  timeoutSeconds: number,
): Promise<void> {
  const folder = join(buildDir, 'asl');
  for (const file of (await readdir(folder)).filter((name) => name.endsWith('.asl.json'))) {
    const definition = JSON.parse(await readFile(join(folder, file), 'utf8')) as Json;
    if (addDefaultsToStates(definition.States as Json, heartbeatSeconds, timeoutSeconds) > 0) {
      await writeFile(join(folder, file), `${JSON.stringify(definition, null, 2)}\n`);
    }
  }
}
