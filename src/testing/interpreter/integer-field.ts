// A count or a number of seconds read from a state's field (literal, Path or JSONata): Step Functions fails the state
// with States.Runtime when it is not a whole number in range.
import { STATES, StatesError } from '../errors.ts';

/** `value` as a whole number of at least `min`, or States.Runtime: "<what> must be a positive integer, got ...". */
export function integerField(value: unknown, what: string, min: 0 | 1): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    const kind = min === 1 ? 'a positive integer' : 'a non-negative integer';
    throw new StatesError(STATES.Runtime, `${what} must be ${kind}, got ${JSON.stringify(value)}`);
  }
  return value;
}
