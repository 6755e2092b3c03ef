/**
 * Progress for people during long steps (LocalStack's first install, its health wait, a deploy): never silent for
 * more than a few seconds. On a terminal, one spinner line redrawn in place, with the step and its elapsed time;
 * piped, plain step lines, and the current step again every `heartbeatMs` while it lasts.
 */
export interface Progress {
  /** A new step began (or the current one learned something): printed with the elapsed time. */
  step(message: string): void;
  /** A line that stays (a resource deployed), printed above the spinner; the current step goes on. */
  note(message: string): void;
  /** Ends the spinner / heartbeat; the last step stays printed. */
  done(): void;
}

export interface ProgressOptions {
  readonly write: (text: string) => void;
  readonly tty: boolean;
  readonly now?: () => number;
  readonly heartbeatMs?: number;
  readonly spinnerMs?: number;
}

const FRAMES = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

export function elapsed(ms: number): string {
  return `${(ms / 1000).toFixed(1).padStart(5)} s`;
}

export function createProgress(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  let current: string | undefined;
  let lastPrinted = started;
  let frame = 0;
  const line = (prefix: string, message: string) => `${prefix}[${elapsed(now() - started)}] ${message}`;
  const redraw = () => {
    frame = (frame + 1) % FRAMES.length;
    if (current !== undefined) options.write(`\r\x1b[2K${line(`${FRAMES[frame]} `, current)}`);
  };
  const heartbeat = () => {
    if (current === undefined || now() - lastPrinted < (options.heartbeatMs ?? 5000)) return;
    lastPrinted = now();
    options.write(`${line('', `... ${current}`)}\n`);
  };
  const timer = setInterval(options.tty ? redraw : heartbeat, options.tty ? (options.spinnerMs ?? 100) : 1000);
  // Progress must never keep a finished command alive.
  timer.unref?.();
  return {
    step(message) {
      if (options.tty && current !== undefined) options.write(`\r\x1b[2K${line('✓ ', current)}\n`);
      current = message;
      lastPrinted = now();
      if (options.tty) redraw();
      else options.write(`${line('', message)}\n`);
    },
    note(message) {
      options.write(`${options.tty ? '\r\x1b[2K' : ''}${line('', message)}\n`);
      lastPrinted = now();
      if (options.tty) redraw();
    },
    done() {
      clearInterval(timer);
      if (options.tty && current !== undefined) options.write(`\r\x1b[2K${line('✓ ', current)}\n`);
      current = undefined;
    },
  };
}

/** Progress on stderr (stdout carries the command's result). */
export function stderrProgress(): Progress {
  return createProgress({ write: (text) => process.stderr.write(text), tty: process.stderr.isTTY === true });
}
