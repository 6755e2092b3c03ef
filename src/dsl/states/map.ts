import type { JsonObject, JsonValue, QueryLanguage } from '../asl-types.ts';
import { captureCallSite } from '../call-site.ts';
import { DslError } from '../dsl-error.ts';
import type { StateGraph } from '../graph.ts';
import type { Expression } from '../jsonata.ts';
import { buildNestedGraph, type GraphBuilder } from '../nested-graph.ts';
import type {
  ForLanguage,
  JsonataNumbers,
  JsonataResultOptions,
  JsonPathValues,
  JsonPathResultOptions,
  NumberOrExpression,
} from '../options.ts';
import type { RefTo } from '../refs.ts';
import { renderGraph } from '../render-graph.ts';
import {
  type Linkable,
  type NestedGraph,
  RecoverableState,
  RESULT_FIELDS,
  type RenderContext,
  type StepsFactory,
  type StepsLike,
} from '../state.ts';
import {
  type JsonataTemplate,
  type JsonPathTemplate,
  type PathArgument,
  renderPathField,
  renderTemplate,
} from '../templates.ts';

export interface ProcessorConfig {
  readonly mode?: 'INLINE' | 'DISTRIBUTED';
  readonly executionType?: 'STANDARD' | 'EXPRESS';
}

/** Distributed Map: where items come from. `parameters` renders as Parameters or Arguments by effective language. */
export interface ItemReader {
  readonly resource: string;
  readonly readerConfig?: JsonObject;
  readonly parameters?: JsonPathTemplate | JsonataTemplate;
}

export interface ItemBatcher {
  readonly maxItemsPerBatch?: NumberOrExpression;
  readonly maxItemsPerBatchPath?: PathArgument;
  readonly maxInputBytesPerBatch?: NumberOrExpression;
  readonly maxInputBytesPerBatchPath?: PathArgument;
  readonly batchInput?: JsonPathTemplate | JsonataTemplate;
}

/** Distributed Map: where results go. `parameters` renders as Parameters or Arguments by effective language. */
export interface ResultWriter {
  readonly resource?: string;
  readonly parameters?: JsonPathTemplate | JsonataTemplate;
  readonly writerConfig?: JsonObject;
}

interface MapCommon {
  readonly itemReader?: ItemReader;
  readonly itemBatcher?: ItemBatcher;
  readonly resultWriter?: ResultWriter;
  readonly label?: string;
  readonly processorConfig?: ProcessorConfig;
  /** Render the processor as legacy `Iterator`, as old definitions do (with ProcessorConfig only if given). */
  readonly legacyIterator?: boolean;
  /** The processor, if not given with `.itemProcessor(...)`. */
  readonly processor?: Linkable;
}

type Limits = 'maxConcurrency' | 'toleratedFailureCount' | 'toleratedFailurePercentage';

export interface MapJsonPathOptions extends MapCommon, JsonPathResultOptions, JsonPathValues<Limits, number> {
  /** The array to iterate: a reference (ItemsPath). */
  readonly items?: RefTo<readonly unknown[]> | string;
  readonly itemsPath?: PathArgument;
  readonly itemSelector?: JsonPathTemplate;
  /** Legacy form of itemSelector (ASL `Parameters` on a Map). */
  readonly parameters?: JsonPathTemplate;
}

export interface MapJsonataOptions extends MapCommon, JsonataResultOptions, JsonataNumbers<Limits> {
  /** The array to iterate: an array, a reference, or an expression (Items). */
  readonly items?: readonly JsonataTemplate[] | RefTo<readonly unknown[]> | Expression<readonly unknown[]> | string;
  readonly itemSelector?: JsonataTemplate;
}

export type MapOptions<D extends QueryLanguage> = ForLanguage<D, MapJsonPathOptions, MapJsonataOptions>;

const PASCAL: Record<string, string> = {
  maxItemsPerBatch: 'MaxItemsPerBatch',
  maxItemsPerBatchPath: 'MaxItemsPerBatchPath',
  maxInputBytesPerBatch: 'MaxInputBytesPerBatch',
  maxInputBytesPerBatchPath: 'MaxInputBytesPerBatchPath',
  batchInput: 'BatchInput',
};

export class MapState<Out = unknown, Vars = unknown, D extends QueryLanguage = QueryLanguage> extends RecoverableState<
  Out,
  Vars,
  D,
  MapOptions<QueryLanguage>
> {
  readonly type = 'Map' as const;
  protected readonly fieldOrder = [
    'comment',
    'inputPath',
    'items',
    'itemsPath',
    'itemReader',
    'itemSelector',
    'parameters',
    'itemBatcher',
    'maxConcurrency',
    'maxConcurrencyPath',
    'toleratedFailureCount',
    'toleratedFailureCountPath',
    'toleratedFailurePercentage',
    'toleratedFailurePercentagePath',
    'label',
    'processor',
    'resultWriter',
    ...RESULT_FIELDS,
  ] as const;
  private processorGraph: StateGraph | undefined;

  override initialize(stepsFactory: StepsFactory): this {
    super.initialize(stepsFactory);
    const { processor } = this.options;
    if (processor)
      this.processorGraph = buildNestedGraph(
        `the processor of Map "${this.name}"`,
        processor,
        stepsFactory,
        this.createdAt,
      );
    return this;
  }

  protected override checkOptions(): void {
    super.checkOptions(['processorConfig', 'legacyIterator']);
  }

  /** Sets the processor later (prefer the third argument of `map(...)`, which types the item). */
  itemProcessor(builder: GraphBuilder<StepsLike<unknown, Vars, D>>): this {
    const site = captureCallSite();
    if (this.processorGraph) {
      throw new DslError(`Map "${this.name}" already has an item processor`, this.processorGraph.createdAt, site);
    }
    this.processorGraph = buildNestedGraph(`the processor of Map "${this.name}"`, builder, this.stepsFactory, site);
    return this;
  }

  override nestedGraphs(): NestedGraph[] {
    return this.processorGraph ? [{ pathSegment: '', graph: this.processorGraph }] : [];
  }

  private renderProcessor(context: RenderContext): [string, JsonValue][] {
    if (!this.processorGraph) throw new DslError(`Map "${this.name}" has no item processor`, this.createdAt);
    const graph = renderGraph(this.processorGraph, context);
    const config = this.options.processorConfig;
    // Old definitions put a ProcessorConfig inside Iterator too; with none given, Iterator is the bare graph.
    if (this.options.legacyIterator && !config) return [['Iterator', graph]];
    if (!config) return [['ItemProcessor', graph]];
    const processorConfig: JsonObject = {};
    if (config.mode !== undefined) processorConfig.Mode = config.mode;
    if (config.executionType !== undefined) processorConfig.ExecutionType = config.executionType;
    return [
      [this.options.legacyIterator ? 'Iterator' : 'ItemProcessor', { ProcessorConfig: processorConfig, ...graph }],
    ];
  }

  private renderIo(
    value: ItemReader | ResultWriter,
    configKey: 'ReaderConfig' | 'WriterConfig',
    language: QueryLanguage,
    where: string,
  ): JsonObject {
    const out: JsonObject = {};
    if (value.resource !== undefined) out.Resource = value.resource;
    const config =
      'readerConfig' in value ? value.readerConfig : 'writerConfig' in value ? value.writerConfig : undefined;
    if (config !== undefined) out[configKey] = config;
    // The field name follows the effective language: CDK shipped `Parameters` in JSONata states from this mistake.
    const payloadKey = language === 'JSONata' ? 'Arguments' : 'Parameters';
    if (value.parameters !== undefined)
      out[payloadKey] = renderTemplate(value.parameters, language, `${where}.${payloadKey}`);
    return out;
  }

  private renderBatcher(batcher: ItemBatcher, language: QueryLanguage): JsonObject {
    const out: JsonObject = {};
    for (const [key, value] of Object.entries(batcher)) {
      if (value === undefined) continue;
      const aslKey = PASCAL[key];
      if (!aslKey) throw new DslError(`${this.name}.itemBatcher: unknown option "${key}"`, this.createdAt);
      out[aslKey] = key.endsWith('Path')
        ? renderPathField(value as PathArgument, `${this.name}.ItemBatcher.${aslKey}`)
        : renderTemplate(value, language, `${this.name}.ItemBatcher.${aslKey}`);
    }
    return out;
  }

  protected override renderSpecial(
    key: string,
    language: QueryLanguage,
    context: RenderContext,
  ): [string, JsonValue][] | undefined {
    const { itemReader, resultWriter, itemBatcher } = this.options;
    if (key === 'processor') return this.renderProcessor(context);
    if (key === 'itemReader' && itemReader)
      return [['ItemReader', this.renderIo(itemReader, 'ReaderConfig', language, `${this.name}.ItemReader`)]];
    if (key === 'resultWriter' && resultWriter)
      return [['ResultWriter', this.renderIo(resultWriter, 'WriterConfig', language, `${this.name}.ResultWriter`)]];
    if (key === 'itemBatcher' && itemBatcher) return [['ItemBatcher', this.renderBatcher(itemBatcher, language)]];
    return super.renderSpecial(key, language, context);
  }
}
