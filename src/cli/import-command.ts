import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import {
  importDefinition,
  ImportError,
  type ImportResult,
  readDefinition,
  workflowNameFor,
} from '../generator/import/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';

const USAGE =
  'stepforge import <file.asl.json|.asl.yaml|.json5> [--out workflows/<name>.ts] [--name <workflow>] [--force]';

/** stepforge's own repository, where workflows import the DSL's source rather than the package. */
function isStepforgeCheckout(projectRoot: string): boolean {
  try {
    const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { name?: unknown };
    return manifest.name === 'stepforge' && existsSync(join(projectRoot, 'src/dsl/index.ts'));
  } catch {
    return false;
  }
}

/**
 * How the imported module reaches the DSL: `'stepforge'` in a user's project; in stepforge's own repository a
 * relative path to the DSL's source (from `outFile`, or the default one of a module in `workflows/`).
 */
function dslImportFor(outFile: string | undefined, projectRoot: string): string | undefined {
  if (!isStepforgeCheckout(projectRoot)) return 'stepforge';
  if (outFile === undefined) return undefined;
  const path = relative(dirname(outFile), join(projectRoot, 'src/dsl/index.ts')).split(sep).join('/');
  return path.startsWith('.') ? path : `./${path}`;
}

/** `stepforge import`: one ASL definition -> DSL source, printed or written to `--out`. */
export async function run(argv: readonly string[]): Promise<number> {
  const args = parseArgs(argv, ['force']);
  rejectUnknownOptions(args, ['out', 'name', 'force']);
  const [file, ...extra] = args.positionals;
  if (file === undefined || extra.length > 0) throw new UsageError(`usage: ${USAGE}`);
  const out = stringOption(args, 'out');
  const name = stringOption(args, 'name') ?? workflowNameFor(out ?? file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ImportError(
      `${file}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  const definition = readDefinition(text, file);
  const outFile = out === undefined ? undefined : resolve(out);
  const dslImport = dslImportFor(outFile, process.cwd());
  let result: ImportResult;
  try {
    result = importDefinition(definition, { name, source: file, ...(dslImport ? { dslImport } : {}) });
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(`${file}: ${error.message}`);
    throw error;
  }
  if (!outFile) {
    process.stdout.write(result.source);
    return 0;
  }
  if (existsSync(outFile) && args.options.force !== true)
    throw new ImportError(`${out}: already exists (use --force to replace it)`);
  mkdirSync(dirname(outFile), { recursive: true });
  writeFileSync(outFile, result.source);
  const standIns = result.standIns.length
    ? ` (stand-ins for states outside the file: ${result.standIns.join(', ')})`
    : '';
  process.stdout.write(`imported ${file} -> ${out} as workflow "${name}"${standIns}\n`);
  return 0;
}
