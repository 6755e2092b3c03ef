import { generateAndReport, generateOptionsFromArgs } from './generate-run.ts';

/** `stepforge validate`: generate in memory and analyse; writes nothing; exit 1 on any error. */
export async function run(argv: readonly string[]): Promise<number> {
  const { outcome, failed } = await generateAndReport(generateOptionsFromArgs(argv, process.cwd()));
  if (failed) return 1;
  process.stdout.write(`${outcome.workflows.length} workflow(s) valid\n`);
  return 0;
}
