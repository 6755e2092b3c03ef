import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { defineCommand } from './command.ts';

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

/** One ASL definition -> DSL source, printed or written to `--out`. */
export default defineCommand({
  name: 'import',
  summary: 'turn an ASL definition (JSON, JSON5, YAML; a state machine or one state) into DSL source',
  positionals: [{ name: 'file', description: 'the definition: .asl.json, .asl.yaml, .json5, ...', required: true }],
  options: {
    out: { type: 'string', placeholder: 'file.ts', description: 'write the source there (default: print it)' },
    name: { type: 'string', description: 'the workflow name (default: from the --out or input file name)' },
    force: { type: 'boolean', description: 'replace an existing --out file' },
  },
  async run({ options, positionals: [file = ''] }) {
    const { importDefinition, ImportError, readDefinition, workflowNameFor } = await import(
      '../generator/import/index.ts'
    );
    const { out } = options;
    const name = options.name ?? workflowNameFor(out ?? file);
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
    let result: ReturnType<typeof importDefinition>;
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
    if (existsSync(outFile) && !options.force)
      throw new ImportError(`${out}: already exists (use --force to replace it)`);
    mkdirSync(dirname(outFile), { recursive: true });
    writeFileSync(outFile, result.source);
    const standIns = result.standIns.length
      ? ` (stand-ins for states outside the file: ${result.standIns.join(', ')})`
      : '';
    process.stdout.write(`imported ${file} -> ${out} as workflow "${name}"${standIns}\n`);
    return 0;
  },
});
