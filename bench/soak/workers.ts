// The task workers of the soak: one `stepforge worker <task>` per task the deployment dispatches to, killed with
// SIGKILL at seeded random moments and started again, as a crashing container would be by its orchestrator.
import { join } from 'node:path';
import { type Deployment, type Manifest, readManifest } from '../../src/deploy/index.ts';
import { taskEnvironment } from '../../src/dev/task-environment.ts';
import { workerDispatch } from '../../src/dev/worker-dispatch.ts';
import { type Child, startStepforge } from './processes.ts';
import type { Random } from './random.ts';

export interface ChaosOptions {
  /** At most this many kills. */
  readonly maxKills: number;
  /** Pause before each kill, in ms: [min, max]. */
  readonly gapMs: readonly [number, number];
  /** Pause between a kill and the restart, in ms: [min, max]. */
  readonly restartMs: readonly [number, number];
}

export class WorkerPool {
  private readonly workers = new Map<string, Child>();
  private generation = 0;
  kills = 0;
  /** Workers that exited without being killed by the bench (restarted too). */
  unexpectedExits = 0;

  constructor(
    private readonly tasks: readonly string[],
    private readonly deployment: Deployment,
    private readonly manifest: Manifest,
    private readonly buildDir: string,
    private readonly logDir: string,
  ) {}

  static async forDeployment(deployment: Deployment, buildDir: string, logDir: string): Promise<WorkerPool> {
    const tasks = ['list-and-publish', 'consume', 'action', 'zip-archive'].filter((task) =>
      workerDispatch(task, deployment),
    );
    return new WorkerPool(tasks, deployment, await readManifest(buildDir), buildDir, logDir);
  }

  get taskNames(): readonly string[] {
    return this.tasks;
  }

  private start(task: string): Child {
    const dispatch = workerDispatch(task, this.deployment)!;
    const args = [
      'worker',
      task,
      '--dispatch',
      dispatch,
      '--build',
      this.buildDir,
      '--grace-seconds',
      '5',
      '--concurrency',
      '2',
    ];
    const log = join(this.logDir, `worker-${task}-${++this.generation}.log`);
    const child = startStepforge(args, log, taskEnvironment(task, this.manifest, this.deployment, process.env));
    this.workers.set(task, child);
    return child;
  }

  async startAll(): Promise<void> {
    await Promise.all(this.tasks.map((task) => this.start(task).waitFor(/"msg":"worker started"/, 60_000)));
  }

  /** Starts again any worker that exited by itself. */
  reviveExited(): void {
    for (const [task, child] of this.workers) {
      if (child.alive()) continue;
      this.unexpectedExits++;
      this.start(task);
    }
  }

  /** SIGKILL one worker at random, wait, start it again. */
  async killOne(random: Random, restartMs: readonly [number, number], stop: AbortSignal): Promise<string> {
    const task = random.pick(this.tasks);
    const child = this.workers.get(task)!;
    child.process.kill('SIGKILL');
    await child.exited;
    this.kills++;
    await pause(random.between(restartMs[0], restartMs[1]), stop);
    this.start(task);
    return task;
  }

  /** Kills at random until `maxKills` or until `stop` aborts. */
  async chaos(random: Random, options: ChaosOptions, stop: AbortSignal, report: (line: string) => void): Promise<void> {
    while (this.kills < options.maxKills && !stop.aborted) {
      await pause(random.between(options.gapMs[0], options.gapMs[1]), stop);
      if (stop.aborted) break;
      this.reviveExited();
      const task = await this.killOne(random, options.restartMs, stop);
      report(`kill ${this.kills}/${options.maxKills}: worker ${task} (SIGKILL), restarted`);
    }
  }

  /** SIGTERM every worker (SIGKILL after `graceMs`). */
  async stopAll(graceMs: number): Promise<void> {
    await Promise.all([...this.workers.values()].map((child) => child.stop(graceMs)));
  }
}

export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
