// The new project's package.json. Its tools are pinned exactly (the versions stepforge itself is built and tested
// with), so a project made today installs the same thing next month.
export const PROJECT_DEV_DEPENDENCIES: Readonly<Record<string, string>> = {
  '@types/node': '20.19.43',
  tsx: '4.23.15',
  typescript: '5.9.3',
};

/** An npm package name from a folder name: lower case, runs of other characters become one dash. */
export function packageNameFor(folderName: string): string {
  const name = folderName
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[-]+$/g, '');
  return name || 'stepforge-project';
}

export interface ManifestOptions {
  readonly name: string;
  /** What `dependencies.stepforge` says: this package's version, or a `file:` tarball in tests. */
  readonly stepforgeDependency: string;
}

export function projectManifest({ name, stepforgeDependency }: ManifestOptions): Record<string, unknown> {
  return {
    name,
    version: '0.1.0',
    private: true,
    type: 'module',
    scripts: {
      start: 'stepforge dev',
      test: 'node --import tsx --test test/*.test.ts',
      generate: 'stepforge generate',
      typecheck: 'tsc --noEmit',
    },
    stepforge: { actions: 'actions' },
    dependencies: { stepforge: stepforgeDependency },
    devDependencies: { ...PROJECT_DEV_DEPENDENCIES },
  };
}
