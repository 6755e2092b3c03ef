// Task `Credentials`: the role Step Functions assumes for the task (cross-account access). `RoleArn` is a literal,
// `RoleArn.$` a path, context path, variable or intrinsic (JSONPath), or a `{% %}` expression (JSONata). The
// runner assumes nothing: it evaluates the field and hands the result to the mock (`call.credentials`) and to the
// TaskScheduled event (`taskCredentials`), as Step Functions records it
// (https://docs.aws.amazon.com/step-functions/latest/apireference/API_TaskScheduledEventDetails.html).
import { RunnerError, StatesError, STATES } from '../errors.ts';
import { evaluateJsonataTemplate } from '../jsonata.ts';
import { applyTemplate } from '../jsonpath/index.ts';
import { isJsonObject, type JsonValue } from '../json.ts';
import type { StateRun } from './state-run.ts';

export interface TaskCredentials {
  readonly roleArn: string;
}

export async function taskCredentials(run: StateRun, effective: JsonValue): Promise<TaskCredentials | undefined> {
  const declared = run.state.Credentials;
  if (declared === undefined) return undefined;
  const jsonata = run.language === 'JSONata';
  checkDeclared(run, declared, jsonata);
  const evaluated = jsonata
    ? await evaluateJsonataTemplate(declared, run.jsonataScope(), `${run.name}.Credentials`)
    : applyTemplate(declared, run.pathScope(effective), `Credentials of state '${run.name}'`);
  const roleArn = isJsonObject(evaluated) ? evaluated.RoleArn : undefined;
  if (typeof roleArn !== 'string' || roleArn === '') {
    throw new StatesError(
      jsonata ? STATES.QueryEvaluationError : STATES.Runtime,
      `The Credentials RoleArn of Task state '${run.name}' must be a non-empty string, got ${JSON.stringify(roleArn ?? null)}`,
    );
  }
  return { roleArn };
}

/** AWS refuses, at CreateStateMachine, Credentials that are not an object with exactly RoleArn (or RoleArn.$). */
function checkDeclared(run: StateRun, declared: JsonValue, jsonata: boolean): void {
  const allowed = jsonata ? ['RoleArn'] : ['RoleArn', 'RoleArn.$'];
  const keys = isJsonObject(declared) ? Object.keys(declared) : [];
  if (keys.length !== 1 || !allowed.includes(keys[0] as string)) {
    throw new RunnerError(
      `Task state "${run.name}": Credentials must be an object with exactly one field, ${allowed.join(' or ')}; got ${JSON.stringify(declared)}`,
    );
  }
}
