import { defineCommand } from './command.ts';

/** The options of `generate` and `validate` (the same run, one writes and one does not). */
export const GENERATE_OPTIONS = {
  workflows: { type: 'string', default: 'workflows', placeholder: 'dir', description: 'the folder of workflow files' },
  out: { type: 'string', default: 'build', placeholder: 'dir', description: 'where the generated files go' },
  target: {
    type: 'string',
    default: 'aws',
    choices: ['aws', 'localstack'],
    description: 'localstack checks the features the LocalStack probe found unsupported',
  },
  strict: { type: 'boolean', description: 'with --target localstack, unsupported features are errors, not warnings' },
  'no-second-opinion': { type: 'boolean', description: 'skip the asl-validator check of each definition' },
} as const;

export default defineCommand({
  name: 'generate',
  summary: 'compile workflows/ into build/ (ASL, YAML, schemas, diagrams) and serverless-localstack.yml',
  options: GENERATE_OPTIONS,
  async run({ options, given }) {
    const { generateAndReport, generateOptions } = await import('./generate-run.ts');
    const { writeOutcome } = await import('../generator/index.ts');
    const generateOptionsValue = generateOptions(options, given, process.cwd());
    const { outcome, failed } = await generateAndReport(generateOptionsValue);
    if (failed) {
      process.stderr.write('stepforge generate: errors found; nothing was written\n');
      return 1;
    }
    const written = writeOutcome(outcome, generateOptionsValue.projectRoot);
    process.stdout.write(`generated ${outcome.workflows.length} workflow(s): ${written.length} files\n`);
    return 0;
  },
});
