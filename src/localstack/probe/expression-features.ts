import type { FeatureResult } from './feature-result.ts';
import { describeFailure, type ProbeContext, runStateMachine } from './probe-context.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JSONata Pass state that sums its input: LocalStack evaluates JSONata on a JVM, so this also proves the JDK. */
export async function probeJsonata(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(
    context,
    'probe-jsonata',
    {
      QueryLanguage: 'JSONata',
      StartAt: 'Sum',
      States: { Sum: { Type: 'Pass', Output: { sum: '{% $sum($states.input.xs) %}' }, End: true } },
    },
    { xs: [1, 2, 3] },
  );
  const sum = (outcome.output as { sum?: unknown } | undefined)?.sum;
  if (outcome.status === 'SUCCEEDED' && sum === 6)
    return { supported: true, detail: '$sum($states.input.xs) evaluated to 6' };
  return {
    supported: false,
    detail:
      outcome.status === 'SUCCEEDED'
        ? `expected sum 6, got ${JSON.stringify(outcome.output)}`
        : describeFailure(outcome),
  };
}

export async function probeJsonataUuid(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(context, 'probe-uuid', {
    QueryLanguage: 'JSONata',
    StartAt: 'Id',
    States: { Id: { Type: 'Pass', Output: { id: '{% $uuid() %}' }, End: true } },
  });
  const id = (outcome.output as { id?: unknown } | undefined)?.id;
  if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
  if (typeof id === 'string' && UUID.test(id)) return { supported: true, detail: `$uuid() returned ${id}` };
  // LocalStack 2026.3.0 does not fail here: it returns the text "Function $uuid is currently not supported".
  return { supported: false, detail: `$uuid() returned ${JSON.stringify(id)} instead of a UUID` };
}

/** JSONPath `Assign` in one state, read back as `$x` in the next. */
export async function probeAssign(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(
    context,
    'probe-assign',
    {
      StartAt: 'Remember',
      States: {
        Remember: { Type: 'Pass', Assign: { 'remembered.$': '$.value' }, Next: 'Recall' },
        Recall: { Type: 'Pass', Parameters: { 'recalled.$': '$remembered' }, End: true },
      },
    },
    { value: 'kept across states' },
  );
  const recalled = (outcome.output as { recalled?: unknown } | undefined)?.recalled;
  if (outcome.status === 'SUCCEEDED' && recalled === 'kept across states') {
    return { supported: true, detail: 'a variable assigned in one state was read by the next' };
  }
  return {
    supported: false,
    detail:
      outcome.status === 'SUCCEEDED'
        ? `expected the assigned value, got ${JSON.stringify(outcome.output)}`
        : describeFailure(outcome),
  };
}
