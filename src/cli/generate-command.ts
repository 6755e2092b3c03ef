import { generateAndReport, generateOptionsFromArgs } from './generate-run.ts';
import { writeOutcome } from '../generator/index.ts';

/** `stepforge generate [--workflows workflows] [--out build] [--target localstack|aws] [--strict]` */
export async function run(argv: readonly string[]): Promise<number> {
  const options = generateOptionsFromArgs(argv, process.cwd());
  const { outcome, failed } = await generateAndReport(options);
  if (failed) {
    process.stderr.write('stepforge generate: errors found; nothing was written\n');
    return 1;
  }
  const written = writeOutcome(outcome, options.projectRoot);
  process.stdout.write(`generated ${outcome.workflows.length} workflow(s): ${written.length} files\n`);
  return 0;
}
