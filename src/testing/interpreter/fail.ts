// Fail: ends its thread with Error and Cause, given as text, as ErrorPath/CausePath (a path or an intrinsic
// function, JSONPath) or as JSONata expressions. No StateExited event follows, as in Step Functions.
import { StatesError, STATES } from '../errors.ts';
import type { JsonValue } from '../json.ts';
import type { Outcome } from './outcome.ts';
import type { StateRun } from './state-run.ts';

export async function runFail(run: StateRun): Promise<Outcome> {
  const { error, cause } = run.language === 'JSONata' ? await jsonataFields(run) : pathFields(run);
  throw new StatesError(error ?? '', cause ?? '');
}

async function jsonataFields(run: StateRun): Promise<{ error?: string; cause?: string }> {
  return {
    error: text(run, 'Error', await run.jsonataField('Error')),
    cause: text(run, 'Cause', await run.jsonataField('Cause')),
  };
}

function pathFields(run: StateRun): { error?: string; cause?: string } {
  const input = run.input;
  const read = (field: 'Error' | 'Cause'): string | undefined => {
    if (run.state[`${field}Path`] !== undefined) return text(run, `${field}Path`, run.pathField(`${field}Path`, input));
    return text(run, field, run.state[field]);
  };
  return { error: read('Error'), cause: read('Cause') };
}

function text(run: StateRun, field: string, value: JsonValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') {
    throw new StatesError(
      STATES.Runtime,
      `The ${field} of Fail state '${run.name}' must be a string, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
