import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InitError } from './init-error.ts';
import { stepforgeVersion, TEMPLATES_DIRECTORY } from './package-info.ts';
import { packageNameFor } from './project-manifest.ts';
import { scaffoldFiles } from './scaffold.ts';

export interface InitOptions {
  /** The new project's folder; created when missing. */
  readonly directory: string;
  /** Write into a folder that already has files (scaffold files of the same name are replaced). */
  readonly force?: boolean;
  /** `dependencies.stepforge` of the new project; default this package's exact version. */
  readonly stepforgeDependency?: string;
}

export interface InitResult {
  readonly directory: string;
  readonly name: string;
  /** Paths relative to the project, sorted. */
  readonly written: readonly string[];
}

/** Scaffolds a project that depends on the stepforge package; refuses a non-empty folder unless `force`. */
export function initProject(options: InitOptions): InitResult {
  const directory = resolve(options.directory);
  const present = existsSync(directory) ? readdirSync(directory) : [];
  if (present.length > 0 && options.force !== true) {
    throw new InitError(
      `${directory} is not empty (${present.length} entr${present.length === 1 ? 'y' : 'ies'}, e.g. ${present.sort()[0]}); choose an empty folder or pass --force to write into it`,
    );
  }
  const name = packageNameFor(basename(directory));
  const files = scaffoldFiles({
    name,
    stepforgeDependency: options.stepforgeDependency ?? stepforgeVersion(),
    templatesDirectory: TEMPLATES_DIRECTORY,
  });
  for (const [path, text] of files) {
    const absolute = join(directory, path);
    mkdirSync(dirname(absolute), { recursive: true });
    writeFileSync(absolute, text);
  }
  return { directory, name, written: [...files.keys()].sort() };
}
