import type { Logger } from '../aws/index.ts';
import { type StepforgeChild, stopChildren } from './child-processes.ts';
import { DEFAULT_RESTART_POLICY, type RestartPolicy, restartDecision } from './restart-policy.ts';

/**
 * A child the dev loop keeps running (a worker, the server): when it exits without being asked to, it is started
 * again after a backoff, and a crash loop is reported with the child's last stderr lines. One log line per event.
 */
export class SupervisedChild {
  private child: StepforgeChild | undefined;
  private exitTimes: number[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;

  constructor(
    readonly label: string,
    private readonly spawn: () => StepforgeChild,
    private readonly logger: Logger,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {}

  /** Starts the child now unless it runs; a pending backoff is cut short. */
  start(): void {
    this.stopped = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.running()) return;
    const child = this.spawn();
    this.child = child;
    void child.exited.then((code) => this.onExit(child, code));
  }

  running(): boolean {
    const process = this.child?.process;
    return process !== undefined && process.exitCode === null && process.signalCode === null;
  }

  get pid(): number | undefined {
    return this.running() ? this.child?.process.pid : undefined;
  }

  /** SIGTERM, SIGKILL after `graceMs`; no restart follows. */
  async stop(graceMs: number): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.child) await stopChildren([this.child], graceMs, this.logger);
  }

  /** Stops and starts it again at once (its resources were recreated), with a clean exit record. */
  async restart(graceMs: number): Promise<void> {
    await this.stop(graceMs);
    this.exitTimes = [];
    this.start();
  }

  private onExit(child: StepforgeChild, code: number): void {
    if (this.stopped || child !== this.child) return;
    const now = Date.now();
    this.exitTimes = [...this.exitTimes.filter((time) => now - time <= this.policy.windowMs), now];
    const decision = restartDecision(this.exitTimes, now, this.policy);
    const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
    if (decision.crashLoop) {
      const last = child.recentStderr().join(' | ') || '(no stderr output)';
      this.logger.error(
        `${this.label} is crash-looping: ${decision.recentExits} exits in ${seconds(this.policy.windowMs)} (last code ${code}); ` +
          `retrying every ${seconds(decision.delayMs)}; its last stderr lines: ${last}`,
      );
    } else {
      this.logger.warn(
        `${this.label} exited unexpectedly (code ${code}); restarting it in ${seconds(decision.delayMs)}`,
      );
    }
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.stopped || child !== this.child) return;
      this.start();
      this.logger.info(`${this.label} restarted (pid ${this.child?.process.pid})`);
    }, decision.delayMs);
  }
}
