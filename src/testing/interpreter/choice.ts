// Choice: the first rule that matches names the next state (JSONPath rules, or JSONata `Condition`); Default when
// none does, else States.NoChoiceMatched. The state's Assign applies either way; a taken rule's Assign and Output too.
import { StatesError, STATES } from '../errors.ts';
import { evaluateJsonata } from '../jsonata.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { ruleMatches } from './choice-rules.ts';
import type { Outcome } from './outcome.ts';
import type { StateRun } from './state-run.ts';

export async function runChoice(run: StateRun): Promise<Outcome> {
  const jsonata = run.language === 'JSONata';
  const effective = jsonata ? run.input : run.effectiveInput();
  const rules = (Array.isArray(run.state.Choices) ? run.state.Choices : []) as JsonObject[];
  for (const rule of rules) {
    if (await matches(run, rule, effective, jsonata)) {
      return { output: await takeRule(run, rule, effective), next: String(rule.Next) };
    }
  }
  if (typeof run.state.Default === 'string')
    return { output: await run.complete(undefined, effective), next: run.state.Default };
  throw new StatesError(
    STATES.NoChoiceMatched,
    `No Matches! (Choice state '${run.name}' has no rule that matches and no Default)`,
  );
}

async function matches(run: StateRun, rule: JsonObject, effective: JsonValue, jsonata: boolean): Promise<boolean> {
  if (!jsonata) return ruleMatches(rule, run.pathScope(effective), run.name);
  const value = await evaluateJsonata(String(rule.Condition), run.jsonataScope(), `${run.name}.Condition`);
  if (typeof value !== 'boolean') {
    throw new StatesError(
      STATES.QueryEvaluationError,
      `The Condition of a rule of Choice state '${run.name}' must give a boolean, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

/**
 * A taken rule's Assign applies, and then the state's own Assign, which wins where both set a variable (as
 * LocalStack's snapshot-tested assign/base_assign_in_choice shows); a rule's Output replaces the state's.
 */
async function takeRule(run: StateRun, rule: JsonObject, effective: JsonValue): Promise<JsonValue> {
  const assign = isJsonObject(rule.Assign)
    ? { ...rule.Assign, ...(isJsonObject(run.state.Assign) ? run.state.Assign : {}) }
    : undefined;
  return run.complete(undefined, effective, {
    ...(assign !== undefined && { Assign: assign }),
    ...(rule.Output !== undefined && { Output: rule.Output }),
  });
}
