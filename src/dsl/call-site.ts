// Every state remembers the user's line that created it, so the generator's analyser and the DSL's own errors can
// point at workflow code rather than at library internals.

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

const dslDirectory = toPath(new URL('.', import.meta.url).href);
const FRAME = /(?:\(|\s)((?:file:\/\/)?\/[^():]*|[A-Za-z]:\\[^():]*):(\d+):(\d+)\)?\s*$/;

function toPath(fileOrUrl: string): string {
  return fileOrUrl.startsWith('file://') ? decodeURIComponent(new URL(fileOrUrl).pathname) : fileOrUrl;
}

/** The first stack frame outside src/dsl: the workflow author's call. */
export function captureCallSite(): SourceLocation {
  const previousLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = previousLimit;
  for (const line of stack.split('\n').slice(1)) {
    const match = FRAME.exec(line);
    if (!match) continue;
    const file = toPath(match[1]);
    if (file.startsWith(dslDirectory)) continue;
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return { file: '<unknown>', line: 0, column: 0 };
}

export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`;
}
