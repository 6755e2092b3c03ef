import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { projectManifest } from './project-manifest.ts';

export interface ScaffoldOptions {
  readonly name: string;
  readonly stepforgeDependency: string;
  readonly templatesDirectory: string;
}

/** npm leaves `.gitignore` out of published packages, so the template is stored without its dot. */
const RENAMED: Readonly<Record<string, string>> = { gitignore: '.gitignore' };

function templateFiles(directory: string): string[] {
  return readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(directory, join(entry.parentPath, entry.name)))
    .sort();
}

/** Every file of the new project (path relative to it -> text), package.json included. */
export function scaffoldFiles(options: ScaffoldOptions): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of templateFiles(options.templatesDirectory)) {
    const text = readFileSync(join(options.templatesDirectory, path), 'utf8');
    files.set(RENAMED[path] ?? path, text.replaceAll('{{name}}', options.name));
  }
  const manifest = projectManifest({ name: options.name, stepforgeDependency: options.stepforgeDependency });
  files.set('package.json', `${JSON.stringify(manifest, null, 2)}\n`);
  return files;
}
