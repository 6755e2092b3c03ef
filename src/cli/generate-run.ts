// The shared body of `stepforge generate` and `stepforge validate`: options, the in-memory run, the report.
import { defaultLogger } from '../aws/index.ts';
import { parseArgs, rejectUnknownOptions, stringOption } from './args.ts';
import { UsageError } from './usage-error.ts';
import {
  formatFinding,
  type GenerateOptions,
  type GenerateOutcome,
  generate,
  hasErrors,
  type Target,
} from '../generator/index.ts';

const OPTIONS = ['workflows', 'out', 'target', 'strict', 'no-second-opinion'];

export function generateOptionsFromArgs(argv: readonly string[], projectRoot: string): GenerateOptions {
  const args = parseArgs(argv, ['strict', 'no-second-opinion']);
  rejectUnknownOptions(args, OPTIONS);
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}"`);
  const target = stringOption(args, 'target') ?? 'aws';
  if (target !== 'localstack' && target !== 'aws')
    throw new UsageError(`--target must be localstack or aws, got "${target}"`);
  return {
    projectRoot,
    workflowsDir: stringOption(args, 'workflows'),
    outDir: stringOption(args, 'out'),
    target: target as Target,
    strict: args.options.strict === true,
    secondOpinion: args.options['no-second-opinion'] !== true,
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
