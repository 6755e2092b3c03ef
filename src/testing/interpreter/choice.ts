// Choice: the first rule that matches names the next state (JSONPath rules, or JSONata `Condition`); Default when
// none does, else States.NoChoiceMatched. A rule's Assign (and, in JSONata, Output) applies when it is taken.
import { StatesError, STATES } from '../errors.ts';
import { evaluateJsonata } from '../jsonata.ts';
import type { JsonObject, JsonValue } from '../json.ts';
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
  if (typeof run.state.Default === 'string') return { output: await run.complete(undefined, effective), next: run.state.Default };
  throw new StatesError(STATES.NoChoiceMatched, `No Matches! (Choice state '${run.name}' has no rule that matches and no Default)`);
}

async function matches(run: StateRun, rule: JsonObject, effective: JsonValue, jsonata: boolean): Promise<boolean> {
  if (!jsonata) return ruleMatches(rule, run.pathScope(effective), run.name);
  const value = await evaluateJsonata(String(rule.Condition), run.jsonataScope(), `${run.name}.Condition`);
  if (typeof value !== 'boolean') {
    throw new StatesError(STATES.QueryEvaluationError, `The Condition of a rule of Choice state '${run.name}' must give a boolean, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** A taken rule's own Assign/Output replace the state's (the state's apply when the Default is taken). */
async function takeRule(run: StateRun, rule: JsonObject, effective: JsonValue): Promise<JsonValue> {
  return run.complete(undefined, effective, {
    ...(rule.Assign !== undefined && { Assign: rule.Assign }),
    ...(rule.Output !== undefined && { Output: rule.Output }),
  });
}
