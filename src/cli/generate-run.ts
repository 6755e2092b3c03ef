// The shared body of `stepforge generate` and `stepforge validate`: options, the in-memory run, the report.
// The logger alone: aws/index.ts would load the AWS SDK, which generate never uses.
import { defaultLogger } from '../aws/logger.ts';
import {
  formatFinding,
  type GenerateOptions,
  type GenerateOutcome,
  generate,
  hasErrors,
  type Target,
} from '../generator/index.ts';
import type { OptionValues } from './command.ts';
import type { GENERATE_OPTIONS } from './generate-command.ts';

/**
 * `--out` only when given: a given folder receives serverless-localstack.yml too, while the default build leaves it at
 * the project root, where the Serverless Framework looks for it.
 */
export function generateOptions(
  options: OptionValues<typeof GENERATE_OPTIONS>,
  given: ReadonlySet<string>,
  projectRoot: string,
): GenerateOptions {
  return {
    projectRoot,
    workflowsDir: options.workflows,
    ...(given.has('out') ? { outDir: options.out } : {}),
    target: options.target as Target,
    strict: options.strict,
    secondOpinion: !options['no-second-opinion'],
  };
}

/** Runs the generator in memory and prints every finding and warning, one line each, on stderr. */
export async function generateAndReport(
  options: GenerateOptions,
): Promise<{ outcome: GenerateOutcome; failed: boolean }> {
  const logger = defaultLogger().child({ command: 'generate' });
  const started = performance.now();
  const outcome = await generate(options);
  for (const finding of outcome.findings) process.stderr.write(`${formatFinding(finding)}\n`);
  for (const warning of outcome.warnings) process.stderr.write(`warning: ${warning}\n`);
  const errors = outcome.findings.filter((finding) => finding.severity === 'error').length;
  logger.debug('generated in memory', {
    workflows: outcome.workflows.length,
    errors,
    ms: Math.round(performance.now() - started),
  });
  return { outcome, failed: hasErrors(outcome.findings) };
}
