import type { JsonObject, JsonValue, QueryLanguage } from '../asl-types.ts';
import { captureCallSite } from '../call-site.ts';
import { isRule, renderRule, type Rule } from '../condition.ts';
import { DslError } from '../dsl-error.ts';
import { connect } from '../graph.ts';
import { type Expression, isExpression, renderExpression } from '../jsonata.ts';
import type { ForLanguage, JsonataFlowOptions, JsonPathFlowOptions, Scope } from '../options.ts';
import { makeScope } from '../scope.ts';
import { type Linkable, type RenderContext, State, startOf, type StepsLike } from '../state.ts';
import { type JsonataTemplate, type JsonPathTemplate, renderTemplate } from '../templates.ts';

export type ChoiceOptions<D extends QueryLanguage> = ForLanguage<D, JsonPathFlowOptions, JsonataFlowOptions>;

/** A JSONPath rule (`Condition.*`, or raw ASL rule JSON) or, in JSONata, a boolean expression, `{% %}` string or constant. */
export type ChoiceCondition<L extends QueryLanguage> = L extends 'JSONata'
  ? Expression<boolean> | string | boolean
  : Rule | JsonObject;

export interface ChoiceRuleOptions {
  readonly comment?: string;
  readonly assign?: JsonPathTemplate | JsonataTemplate;
  /** JSONata only. */
  readonly output?: JsonataTemplate;
}

interface ChoiceBranch {
  readonly condition: unknown;
  readonly target: State;
  readonly options: ChoiceRuleOptions;
}

type Target<Out, Vars, D extends QueryLanguage> = Linkable | ((steps: StepsLike<Out, Vars, D>) => Linkable);

/**
 * Branches on conditions. Terminal for chaining (ASL Choice has no Next): continue from each branch instead.
 * `L` is the state's effective language, which decides what a condition is.
 */
export class Choice<
  Out = unknown,
  Vars = unknown,
  D extends QueryLanguage = QueryLanguage,
  L extends QueryLanguage = D,
  In = Out,
  VarsIn = Vars,
> extends State<Out, Vars, D, ChoiceOptions<QueryLanguage>> {
  readonly type = 'Choice' as const;
  protected readonly fieldOrder = [
    'comment',
    'inputPath',
    'choices',
    'default',
    'outputPath',
    'output',
    'assign',
  ] as const;
  private readonly branches: ChoiceBranch[] = [];
  private defaultState: State | undefined;

  private resolve(target: Target<Out, Vars, D>): State {
    const resolved =
      typeof target === 'function' ? target(this.stepsAt(this.graph) as StepsLike<Out, Vars, D>) : target;
    return startOf(resolved);
  }

  /** Adds a rule: when `condition` holds, go to `target`. Rules are tried in the order added. */
  when(
    // Rules see the Choice's input and the variables from before its own Assign.
    condition: ChoiceCondition<L> | ((scope: Scope<In, VarsIn>) => ChoiceCondition<L>),
    target: Target<Out, Vars, D>,
    options: ChoiceRuleOptions = {},
  ): this {
    const site = captureCallSite();
    if (typeof condition === 'function') condition = condition(makeScope<In, VarsIn>());
    const state = this.resolve(target);
    connect(this, state, site);
    this.branches.push({ condition, target: state, options });
    return this;
  }

  /** The Default: where to go when no rule matches. */
  otherwise(target: Target<Out, Vars, D>): this {
    const site = captureCallSite();
    if (this.defaultState) {
      throw new DslError(
        `Choice "${this.name}" already has a default ("${this.defaultState.name}")`,
        this.createdAt,
        site,
      );
    }
    const state = this.resolve(target);
    connect(this, state, site);
    this.defaultState = state;
    return this;
  }

  override successors(): State[] {
    const targets = this.branches.map((branch) => branch.target);
    return this.defaultState ? [...targets, this.defaultState] : targets;
  }

  private renderBranch(branch: ChoiceBranch, index: number, language: QueryLanguage): JsonObject {
    const where = `${this.name}.Choices[${index}]`;
    const { condition, options } = branch;
    let out: JsonObject;
    if (language === 'JSONata') {
      if (isExpression(condition)) out = { Condition: renderExpression(condition) };
      // A constant `Condition: true` is valid ASL (a rule that always matches).
      else if (typeof condition === 'string' || typeof condition === 'boolean') out = { Condition: condition };
      else throw new DslError(`${where}.Condition: a JSONata Choice needs a jsonata\`...\` condition`, this.createdAt);
    } else if (isRule(condition)) out = renderRule(condition, where);
    else if (typeof condition === 'object' && condition !== null && !isExpression(condition))
      out = { ...(condition as JsonObject) };
    else throw new DslError(`${where}: a JSONPath Choice needs a Condition.* rule`, this.createdAt);
    if (options.comment !== undefined) out.Comment = options.comment;
    if (options.assign !== undefined) out.Assign = renderTemplate(options.assign, language, `${where}.Assign`);
    if (options.output !== undefined) out.Output = renderTemplate(options.output, language, `${where}.Output`);
    out.Next = branch.target.name;
    return out;
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    if (key === 'choices')
      return [['Choices', this.branches.map((branch, index) => this.renderBranch(branch, index, language))]];
    if (key === 'default') return this.defaultState ? [['Default', this.defaultState.name]] : [];
    return super.renderSpecial(key, language, context);
  }
}
