// One state being run: its definition, raw input, Context object and the input/output processing every state type
// shares, in the order AWS applies it. JSONPath: InputPath -> Parameters -> (work) -> ResultSelector -> ResultPath ->
// OutputPath, Assign from the result. JSONata: Arguments -> (work) -> Output (default: the result, or the input),
// Assign; Output and Assign both see the variables as they were before the state.
import { StatesError, STATES } from '../errors.ts';
import { evaluateJsonata, evaluateJsonataTemplate, type JsonataScope } from '../jsonata.ts';
import { applyTemplate, evaluate, placeAt, type PathScope } from '../jsonpath/index.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { contextObject, type Frame, type QueryLanguage } from './execution.ts';
import { checkPayloadSize } from './payload-size.ts';

/** A taken Choice rule's own Assign and Output, which replace the state's. */
export interface ChoiceRuleFields {
  readonly Assign?: JsonValue;
  readonly Output?: JsonValue;
}

export class StateRun {
  retryCount = 0;
  /** `$$.Task.Token` / `$$.Map.Item` while they apply. */
  contextExtra: JsonObject = {};

  constructor(
    readonly frame: Frame,
    readonly name: string,
    readonly state: JsonObject,
    readonly input: JsonValue,
    readonly enteredTime: string,
  ) {}

  get type(): string {
    return String(this.state.Type);
  }

  get language(): QueryLanguage {
    const own = this.state.QueryLanguage;
    return own === 'JSONata' || own === 'JSONPath' ? own : this.frame.language;
  }

  get context(): JsonObject {
    return contextObject(
      this.frame,
      { name: this.name, enteredTime: this.enteredTime, retryCount: this.retryCount },
      this.contextExtra,
    );
  }

  pathScope(data: JsonValue): PathScope {
    const { scope, execution } = this.frame;
    return { data, context: this.context, variable: (name) => scope.get(name), random: execution.random };
  }

  jsonataScope(extra: { readonly result?: JsonValue; readonly errorOutput?: JsonValue } = {}): JsonataScope {
    return {
      states: { input: this.input, context: this.context, ...extra },
      variables: this.frame.scope.all(),
      random: this.frame.execution.random,
    };
  }

  /** A field that may be a JSONata expression (`{% %}`) in a JSONata state, or a literal. */
  async jsonataField(
    field: string,
    extra: { readonly result?: JsonValue; readonly errorOutput?: JsonValue } = {},
  ): Promise<JsonValue | undefined> {
    const value = this.state[field];
    if (value === undefined) return undefined;
    return evaluateJsonataTemplate(value, this.jsonataScope(extra), `${this.name}.${field}`);
  }

  /** JSONPath: the input after InputPath (null InputPath: `{}`). */
  effectiveInput(): JsonValue {
    const path = this.state.InputPath;
    if (path === null) return {};
    if (path === undefined) return this.input;
    return evaluate(String(path), this.pathScope(this.input), `InputPath of state '${this.name}'`);
  }

  /** JSONPath: Parameters (or another payload template field) applied to the effective input, if present. */
  parameters(effectiveInput: JsonValue, field = 'Parameters'): JsonValue {
    const template = this.state[field];
    if (template === undefined) return effectiveInput;
    const value = applyTemplate(template, this.pathScope(effectiveInput), `${field} of state '${this.name}'`);
    checkPayloadSize(value, this.name, `input after ${field}`);
    return value;
  }

  /** A JSONPath path field (`SecondsPath`, `ErrorPath`, ...) read from the effective input; path or intrinsic. */
  pathField(field: string, effectiveInput: JsonValue): JsonValue {
    return evaluate(String(this.state[field]), this.pathScope(effectiveInput), `${field} of state '${this.name}'`);
  }

  /**
   * The state's output from its result (undefined for states that produce none: Choice, Wait, Succeed), with
   * Assign applied. `effectiveInput` is the JSONPath input after InputPath; `taken` a Choice rule's own fields.
   */
  async complete(
    result: JsonValue | undefined,
    effectiveInput: JsonValue,
    taken: ChoiceRuleFields = {},
  ): Promise<JsonValue> {
    if (result !== undefined) checkPayloadSize(result, this.name, 'result');
    let output: JsonValue;
    let assigned: JsonObject | undefined;
    const assign = taken.Assign ?? this.state.Assign;
    if (this.language === 'JSONata') {
      const extra = result === undefined ? {} : { result };
      const template = taken.Output ?? this.state.Output;
      output =
        template === undefined
          ? (result ?? this.input)
          : await evaluateJsonataTemplate(template, this.jsonataScope(extra), `${this.name}.Output`);
      assigned = await this.jsonataAssign(assign, extra);
    } else {
      const selected =
        result !== undefined && this.state.ResultSelector !== undefined
          ? applyTemplate(this.state.ResultSelector, this.pathScope(result), `ResultSelector of state '${this.name}'`)
          : result;
      // Assign's `$` is the state's raw result, before ResultSelector; the variables are set before OutputPath is
      // read, which may see them (LocalStack's snapshot-tested assign/base_evaluation_order_pass_state).
      const values = this.pathAssign(assign, result ?? effectiveInput);
      if (values) this.frame.scope.assign(values);
      let combined: JsonValue;
      if (selected === undefined) combined = effectiveInput;
      else if (this.state.ResultPath === null) combined = this.input;
      else if (this.state.ResultPath === undefined) combined = selected;
      else combined = placeAt(this.input, String(this.state.ResultPath), selected);
      output = this.outputPath(combined);
    }
    checkPayloadSize(output, this.name, 'output');
    if (assigned) this.frame.scope.assign(assigned);
    return output;
  }

  /** The output of a Catcher that matched: the error output placed by its ResultPath, or its Output. */
  async caught(catcher: JsonObject, errorOutput: JsonObject): Promise<JsonValue> {
    let output: JsonValue;
    let assigned: JsonObject | undefined;
    if (this.language === 'JSONata') {
      const scope = this.jsonataScope({ errorOutput });
      output =
        catcher.Output === undefined
          ? errorOutput
          : await evaluateJsonataTemplate(catcher.Output, scope, `${this.name}.Catch.Output`);
      assigned = await this.jsonataAssign(catcher.Assign, { errorOutput });
    } else {
      const path = catcher.ResultPath;
      output =
        path === null ? this.input : path === undefined ? errorOutput : placeAt(this.input, String(path), errorOutput);
      assigned = this.pathAssign(catcher.Assign, errorOutput);
    }
    checkPayloadSize(output, this.name, 'output');
    if (assigned) this.frame.scope.assign(assigned);
    return output;
  }

  outputPath(value: JsonValue): JsonValue {
    const path = this.state.OutputPath;
    if (path === null) return {};
    if (path === undefined) return value;
    return evaluate(String(path), this.pathScope(value), `OutputPath of state '${this.name}'`);
  }

  pathAssign(assign: JsonValue | undefined, data: JsonValue): JsonObject | undefined {
    if (assign === undefined) return undefined;
    const values = applyTemplate(assign, this.pathScope(data), `Assign of state '${this.name}'`);
    return this.checkAssigned(values);
  }

  async jsonataAssign(
    assign: JsonValue | undefined,
    extra: { readonly result?: JsonValue; readonly errorOutput?: JsonValue },
  ): Promise<JsonObject | undefined> {
    if (assign === undefined) return undefined;
    if (!isJsonObject(assign))
      throw new StatesError(STATES.Runtime, `Assign of state '${this.name}' must be an object`);
    const values: JsonObject = {};
    const scope = this.jsonataScope(extra);
    for (const [name, value] of Object.entries(assign)) {
      values[name] = await evaluateJsonataTemplate(value, scope, `${this.name}.Assign.${name}`);
    }
    return this.checkAssigned(values);
  }

  async jsonataExpression(text: string, field: string): Promise<JsonValue> {
    return evaluateJsonata(text, this.jsonataScope(), `${this.name}.${field}`);
  }

  private checkAssigned(values: JsonValue): JsonObject {
    if (!isJsonObject(values))
      throw new StatesError(STATES.Runtime, `Assign of state '${this.name}' must be an object`);
    checkPayloadSize(values, this.name, 'assigned variables');
    return values;
  }
}
