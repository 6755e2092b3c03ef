import type { JsonValue, QueryLanguage } from '../asl-types.ts';
import { buildNestedGraph, type GraphBuilder } from '../nested-graph.ts';
import type {
  AssignOption,
  CommonOptions,
  ForLanguage,
  JsonataOutput,
  JsonPathIo,
  JsonPathResult,
} from '../options.ts';
import type { CatchOptions, RetryOptions } from '../retry-catch.ts';
import type { StateGraph } from '../graph.ts';
import { type Linkable, type NestedGraph, RecoverableState, RESULT_FIELDS, type RenderContext, type StepsFactory } from '../state.ts';
import { renderGraph } from '../render-graph.ts';
import type { JsonataTemplate, JsonPathTemplate } from '../templates.ts';

interface ParallelCommon<B> extends CommonOptions {
  /** Each branch: a state, a chain, or `steps => ...` (typed with the Parallel's input). */
  readonly branches: B;
  readonly retry?: readonly RetryOptions[];
  readonly catch?: readonly (CatchOptions & { readonly next: Linkable })[];
}

export interface ParallelJsonPathOptions<B>
  extends ParallelCommon<B>,
    JsonPathIo,
    JsonPathResult,
    AssignOption<JsonPathTemplate> {
  readonly parameters?: JsonPathTemplate;
}

export interface ParallelJsonataOptions<B> extends ParallelCommon<B>, JsonataOutput, AssignOption<JsonataTemplate> {
  readonly arguments?: JsonataTemplate;
}

export type ParallelOptions<D extends QueryLanguage, B> = ForLanguage<
  D,
  ParallelJsonPathOptions<B>,
  ParallelJsonataOptions<B>
>;

export class Parallel<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends RecoverableState<
  Out,
  Vars,
  D
> {
  readonly type = 'Parallel' as const;
  protected readonly fieldOrder = [
    'comment',
    'inputPath',
    'parameters',
    'arguments',
    'branches',
    ...RESULT_FIELDS,
  ] as const;
  private readonly branchGraphs: StateGraph[] = [];

  override initialize(stepsFactory: StepsFactory): this {
    super.initialize(stepsFactory);
    const branches = (this.options.branches ?? []) as readonly GraphBuilder<unknown>[];
    branches.forEach((branch, index) => {
      this.branchGraphs.push(buildNestedGraph(`branch ${index} of Parallel "${this.name}"`, branch, stepsFactory, this.createdAt));
    });
    return this;
  }

  override nestedGraphs(): NestedGraph[] {
    return this.branchGraphs.map((graph, index) => ({ pathSegment: `branch ${index}`, graph }));
  }

  protected override renderSpecial(key: string, language: QueryLanguage, context: RenderContext): [string, JsonValue][] | undefined {
    if (key === 'branches') return [['Branches', this.branchGraphs.map((graph) => renderGraph(graph, context))]];
    return super.renderSpecial(key, language, context);
  }
}
