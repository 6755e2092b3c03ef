// Every state remembers the user's line that created it, so the generator's analyser and the DSL's own errors can
// point at workflow code rather than at library internals.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const dslDirectory = toPath(new URL('.', import.meta.url).href);
// Installed, the DSL runs from dist/dsl/; with source maps on (tsx's loader turns them on) its frames name the
// sources it was built from, ../src/dsl/, which the package does not ship.
const dslDirectories = [dslDirectory, dslDirectory.replace(/\/dist\/dsl\/$/, '/src/dsl/')];
const FRAME = /(?:\(|\s)((?:file:\/\/)?\/[^():]*|[A-Za-z]:\\[^():]*):(\d+):(\d+)\)?\s*$/;
// Deep enough to get past the DSL's own frames (at most ~10) to the author's call.
const FRAMES_KEPT = 24;

function toPath(fileOrUrl: string): string {
  return fileOrUrl.startsWith('file://') ? decodeURIComponent(new URL(fileOrUrl).pathname) : fileOrUrl;
}

function firstOutsideDsl(stack: string): SourceLocation {
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = toPath(match[1]);
    if (dslDirectories.some((directory) => file.startsWith(directory))) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return { file: '<unknown>', line: 0, column: 0 };
}

/**
 * A captured call site, resolved on first read: capturing a stack is cheap, formatting it (with source maps) is
 * not, and most locations are only read by the analyser or an error message.
 */
class CapturedCallSite implements SourceLocation {
  #stackHolder: Error | undefined;
  #resolved: SourceLocation | undefined;

  constructor(holder: Error) {
    this.#stackHolder = holder;
  }

  #resolve(): SourceLocation {
    if (!this.#resolved) {
      this.#resolved = firstOutsideDsl(this.#stackHolder?.stack ?? '');
      this.#stackHolder = undefined;
    }
    return this.#resolved;
  }

  get file(): string {
    return this.#resolve().file;
  }

  get line(): number {
    return this.#resolve().line;
  }

  get column(): number {
    return this.#resolve().column;
  }

  toJSON(): SourceLocation {
    return plainLocation(this);
  }
}

/** The first stack frame outside src/dsl: the workflow author's call. */
export function captureCallSite(): SourceLocation {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = FRAMES_KEPT;
  const holder = new Error();
  Error.stackTraceLimit = previousLimit;
  return new CapturedCallSite(holder);
}

/** A plain-data copy (spread and JSON safe). */
export function plainLocation(location: SourceLocation): SourceLocation {
  return { file: location.file, line: location.line, column: location.column };
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
