import type { JsonValue, QueryLanguage } from '../asl-types.ts';
import { buildNestedGraph, type GraphBuilder } from '../nested-graph.ts';
import type {
  ForLanguage,
  JsonataPayload,
  JsonataResultOptions,
  JsonPathPayload,
  JsonPathResultOptions,
} from '../options.ts';
import type { StateGraph } from '../graph.ts';
import { type NestedGraph, RecoverableState, RESULT_FIELDS, type RenderContext, type StepsFactory } from '../state.ts';
import { renderGraph } from '../render-graph.ts';

interface ParallelBranches<B> {
  /** Each branch: a state, a chain, or `steps => ...` (typed with the Parallel's input). */
  readonly branches: B;
}

export interface ParallelJsonPathOptions<B> extends ParallelBranches<B>, JsonPathResultOptions, JsonPathPayload {}

export interface ParallelJsonataOptions<B> extends ParallelBranches<B>, JsonataResultOptions, JsonataPayload {}

export type ParallelOptions<D extends QueryLanguage, B> = ForLanguage<
  D,
  ParallelJsonPathOptions<B>,
  ParallelJsonataOptions<B>
>;

// Its options hold branches built with any typed `steps` (GraphBuilder<never>): buildNestedGraph hands each the
// factory's steps for its graph.
export class Parallel<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends RecoverableState<
  Out,
  Vars,
  D,
  ParallelOptions<QueryLanguage, readonly GraphBuilder<never>[]>
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
    this.options.branches.forEach((branch, index) => {
      this.branchGraphs.push(
        buildNestedGraph(`branch ${index} of Parallel "${this.name}"`, branch, stepsFactory, this.createdAt),
      );
    });
    return this;
  }

  override nestedGraphs(): NestedGraph[] {
    return this.branchGraphs.map((graph, index) => ({ pathSegment: `branch ${index}`, graph }));
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    if (key === 'branches') return [['Branches', this.branchGraphs.map((graph) => renderGraph(graph, context))]];
    return super.renderSpecial(key, language, context);
  }
}
