/**
 * Reads files of the build folder by relative path; undefined when a file does not exist. Each runtime adapter
 * supplies one (node:fs, Bun.file, Deno.readTextFile) so the app itself needs no file API.
 */
export interface BuildReader {
  readText(relativePath: string): Promise<string | undefined>;
}

/** An in-memory build folder, for tests and for embedding. */
export function memoryBuildReader(files: Readonly<Record<string, string>>): BuildReader {
  return { readText: async (path) => files[path] };
}
