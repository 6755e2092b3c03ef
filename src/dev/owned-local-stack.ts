import type { Logger } from '../aws/index.ts';
import { createProgress } from '../cli/progress.ts';
import { probePort, recordedProcess, startLocalStack, stopLocalStack } from '../localstack/index.ts';

/** LocalStack keeps no state across a restart unless persistence is on; then its own shutdown must be let finish. */
const GRACE_MS = 1_000;
const PERSISTENCE_GRACE_MS = 20_000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Starts LocalStack with each step (first install, health wait) logged, and repeated while it lasts. */
async function startLogged(port: number, logger: Logger) {
  const progress = createProgress({ write: (text) => logger.info(text.trim()), tty: false });
  try {
    return await startLocalStack({ port, logger, onStep: (step) => progress.step(step) });
  } finally {
    progress.done();
  }
}

/**
 * The dev loop's LocalStack: started by the loop (then the loop owns it: it starts it again if it dies and stops it
 * on exit, on its own port) or found already running (then the loop leaves it alone, whoever started it).
 */
export class DevLocalStack {
  private constructor(
    readonly endpoint: string,
    private readonly port: number,
    private owned: number | undefined,
    private readonly logger: Logger,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  /** Finds the LocalStack at `endpoint`, or starts one there when it is a local address and nothing answers. */
  static async acquire(endpoint: string, logger: Logger, env: NodeJS.ProcessEnv): Promise<DevLocalStack> {
    const url = new URL(endpoint);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const log = logger.child({ component: 'localstack' });
    const state = await probePort(port);
    if (!LOCAL_HOSTS.has(url.hostname) || state.kind === 'localstack') {
      return new DevLocalStack(endpoint, port, undefined, log, env);
    }
    const started = await startLogged(port, log);
    return new DevLocalStack(endpoint, port, started.reused ? undefined : started.pid, log, env);
  }

  /** The pid of the LocalStack this loop started and will stop; undefined when it found one running. */
  get ownedPid(): number | undefined {
    return this.owned;
  }

  /**
   * When the LocalStack this loop started is gone (killed, crashed, stopped from another terminal), starts it again.
   * True when it did: everything deployed to it is gone, so the caller redeploys.
   */
  async reviveIfGone(): Promise<boolean> {
    if (this.owned === undefined || recordedProcess(this.port) === this.owned) return false;
    this.logger.warn(`LocalStack (pid ${this.owned}) is gone; starting it again on port ${this.port}`);
    const started = await startLogged(this.port, this.logger);
    this.owned = started.reused ? undefined : started.pid;
    if (this.owned === undefined)
      this.logger.warn(`another LocalStack now serves port ${this.port}; this loop leaves it running on exit`);
    return true;
  }

  /**
   * Stops the LocalStack this loop started, on its port. Without persistence nothing of its state survives a stop
   * anyway, and its own shutdown waits ~20 s for request threads (long polls of GetActivityTask and ReceiveMessage),
   * so after a short grace its process group is killed; with `PERSISTENCE=1` it gets the time to save its state.
   */
  async stop(): Promise<void> {
    if (this.owned === undefined || recordedProcess(this.port) !== this.owned) return;
    await stopLocalStack({
      port: this.port,
      logger: this.logger,
      graceMs: this.disposable ? GRACE_MS : PERSISTENCE_GRACE_MS,
    });
    this.owned = undefined;
  }

  /**
   * True when stopping loses nothing: the loop started it and it keeps no state. Then it may go first, while the
   * workers stop: their waiting polls end at once instead of holding each worker for its whole grace period, and
   * reporting in-flight tasks to a LocalStack about to vanish would serve nobody.
   */
  get disposable(): boolean {
    return this.owned !== undefined && !/^(1|true|yes|on)$/i.test(this.env.PERSISTENCE?.trim() ?? '');
  }
}
