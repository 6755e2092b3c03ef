// Wait: Seconds, SecondsPath, Timestamp or TimestampPath (or their JSONata expressions), in the run's clock, so a
// virtual-time run does not wait. A timestamp in the past does not wait at all.
import { StatesError, STATES } from '../errors.ts';
import type { JsonValue } from '../json.ts';
import { isTimestamp } from './choice-rules.ts';
import { nextOf, type Outcome } from './outcome.ts';
import type { StateRun } from './state-run.ts';
import { integerField } from './integer-field.ts';

export async function runWait(run: StateRun): Promise<Outcome> {
  const jsonata = run.language === 'JSONata';
  const effective = jsonata ? run.input : run.effectiveInput();
  const { clock } = run.frame.execution;
  const state = run.state;
  let waitMs = 0;
  if (state.Seconds !== undefined) {
    waitMs = seconds(run, 'Seconds', jsonata ? await run.jsonataField('Seconds') : state.Seconds) * 1000;
  } else if (state.SecondsPath !== undefined) {
    waitMs = seconds(run, 'SecondsPath', run.pathField('SecondsPath', effective)) * 1000;
  } else if (state.Timestamp !== undefined) {
    waitMs = until(run, 'Timestamp', jsonata ? await run.jsonataField('Timestamp') : state.Timestamp) - clock.now();
  } else if (state.TimestampPath !== undefined) {
    waitMs = until(run, 'TimestampPath', run.pathField('TimestampPath', effective)) - clock.now();
  }
  if (waitMs > 0) await clock.sleep(waitMs, run.frame.signal);
  return { output: await run.complete(undefined, effective), next: nextOf(state) };
}

function seconds(run: StateRun, field: string, value: JsonValue | undefined): number {
  return integerField(value, `The ${field} of Wait state '${run.name}'`, 0);
}

function until(run: StateRun, field: string, value: JsonValue | undefined): number {
  if (typeof value !== 'string' || !isTimestamp(value)) {
    throw new StatesError(
      STATES.Runtime,
      `The ${field} of Wait state '${run.name}' must be an RFC 3339 timestamp, got ${JSON.stringify(value)}`,
    );
  }
  return Date.parse(value);
}
