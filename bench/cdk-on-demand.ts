// AWS CDK is what bench/generate.ts compares against, not something stepforge's users install: it is fetched on the
// first run into a cache folder (`.stepforge/bench-deps/`, exact versions) and loaded from there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const PACKAGES = { 'aws-cdk-lib': '2.276.0', constructs: '10.8.1' } as const;
const root = new URL('..', import.meta.url).pathname;

/** The part of aws-cdk-lib's Step Functions module the bench builds with. */
export interface CdkChain {
  next(state: object): CdkChain;
}
export interface CdkCustomState {
  addRetry(props: { errors: string[]; interval?: undefined; maxAttempts: number; backoffRate: number }): void;
  addCatch(handler: object, props: { errors: string[] }): void;
}
export interface Cdk {
  readonly App: new () => { synth(): { getStackByName(name: string): { template: unknown } } };
  readonly Stack: new (scope: object, id: string) => object;
  readonly sfn: {
    readonly Fail: new (scope: object, id: string, props: { error: string }) => object;
    readonly Pass: new (scope: object, id: string, props: { parameters: Record<string, unknown> }) => object;
    readonly CustomState: new (scope: object, id: string, props: { stateJson: object }) => CdkCustomState & object;
    readonly Succeed: new (scope: object, id: string) => object;
    readonly StateMachine: new (scope: object, id: string, props: { definitionBody: object }) => object;
    readonly JsonPath: { stringAt(path: string): string };
    readonly Chain: { start(state: object): CdkChain };
    readonly DefinitionBody: { fromChainable(chain: CdkChain): object };
  };
}

/** Installs the pinned CDK packages into the cache once, then loads them. */
export function loadCdk(): Cdk {
  const dir = join(root, '.stepforge/bench-deps', `aws-cdk-lib-${PACKAGES['aws-cdk-lib']}`);
  if (!existsSync(join(dir, 'node_modules/aws-cdk-lib/package.json'))) {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'package.json'), '{"private":true}\n');
    const specs = Object.entries(PACKAGES).map(([name, version]) => `${name}@${version}`);
    process.stderr.write(`installing ${specs.join(' ')} into ${dir} (once)\n`);
    execFileSync('npm', ['install', '--no-save', '--prefer-offline', '--no-audit', '--no-fund', ...specs], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  }
  const require = createRequire(join(dir, 'package.json'));
  const core = require('aws-cdk-lib') as Pick<Cdk, 'App' | 'Stack'>;
  return { App: core.App, Stack: core.Stack, sfn: require('aws-cdk-lib/aws-stepfunctions') as Cdk['sfn'] };
}
