import { defineCommand } from './command.ts';
import { GENERATE_OPTIONS } from './generate-command.ts';

export default defineCommand({
  name: 'validate',
  summary: 'generate in memory and analyse; exit 1 with file:line of each error',
  options: GENERATE_OPTIONS,
  async run({ options, given }) {
    const { generateAndReport, generateOptions } = await import('./generate-run.ts');
    const { outcome, failed } = await generateAndReport(generateOptions(options, given, process.cwd()));
    if (failed) return 1;
    process.stdout.write(`${outcome.workflows.length} workflow(s) valid\n`);
    return 0;
  },
});
