// One ASL graph (the state machine, a Parallel branch, a Map processor) -> statements: every state declared through
// a factory in ASL order (so the DSL renders them in the same order), then the transitions between them.
import type { JsonObject, JsonValue, QueryLanguage } from '../../dsl/asl-types.ts';
import { conditionCode } from './choice-rules.ts';
import { CodeScope } from './code-scope.ts';
import { type CodeValue, primitiveCode, printCode, RawCode, stringLiteral } from './code-text.ts';
import { ImportError } from './import-error.ts';
import { joinChains } from './join-chains.ts';
import type { NameAllocator } from './names.ts';
import { templateCode } from './payloads.ts';
import { FACTORY_METHOD, STATE_FIELDS } from './state-fields.ts';
import { isJsonObject } from '../asl/json.ts';
import { catchOptionsCode, retryOptionsCode, stateOptionsCode } from './state-options.ts';
import { chainFrom, holdsTask } from './typed-tasks.ts';

export interface GraphContext {
  readonly names: NameAllocator;
  readonly imports: Set<string>;
  readonly workflowLanguage: QueryLanguage;
  /**
   * A transition to a state outside the graph: `undefined` makes it an error; a function returns the variable of a
   * stand-in state (single-state fragments, whose Next points outside the file).
   */
  readonly outside?: (name: string) => string;
  /** Where a nested Task state is that the builder returning its graph cannot carry in its type (filled in here). */
  readonly untypedTasks: string[];
}

export interface GraphCode {
  readonly declarations: string[];
  readonly links: string[];
  /** The variable of the StartAt state. */
  readonly startVariable: string;
  readonly startIsFirst: boolean;
  /** The states that hold a Task (a Task, or a Map/Parallel with one inside), by variable and where they are. */
  readonly taskHolders: readonly { readonly variable: string; readonly where: string }[];
}

/** A graph's states by name, and the variables some transition refers to (they need a `const`). */
interface Entries {
  readonly map: Map<string, Entry>;
  readonly referenced: Set<string>;
}

interface Entry {
  readonly name: string;
  readonly state: JsonObject;
  readonly variable: string;
  readonly where: string;
}

function languageOf(state: JsonObject, context: GraphContext, where: string): QueryLanguage {
  const own = state.QueryLanguage;
  if (own === undefined) return context.workflowLanguage;
  if (own !== 'JSONPath' && own !== 'JSONata')
    throw new ImportError(`${where}.QueryLanguage: must be JSONPath or JSONata, got ${JSON.stringify(own)}`);
  return own;
}

/** `(item) => { ...; return start; }`: a nested graph as the builder function the DSL takes (Map item, branch). */
function builderCode(
  graph: JsonValue | undefined,
  where: string,
  context: GraphContext,
  factory: 'item' | 'branch',
): RawCode {
  if (!isJsonObject(graph)) throw new ImportError(`${where}: must be an object with StartAt and States`);
  const code = graphCode(graph, where, factory, context);
  const only =
    code.declarations.length === 1 && code.links.length === 0
      ? /^const \w+ = (.*);$/s.exec(code.declarations[0]!)
      : null;
  // A one-state graph reads best as the call alone: `(item) => item.pass('Done')`.
  if (only) return new RawCode(`(${factory}) => ${only[1]}`);
  // The builder returns the chain from its start when there is one: the Map's or Parallel's type then carries the
  // Task states along it (typed mocks); those it cannot carry leave the import untyped (importDefinition).
  const chain = chainFrom(code.startVariable, code.links);
  const carried = new Set(chain?.variables ?? [code.startVariable]);
  for (const holder of code.taskHolders) if (!carried.has(holder.variable)) context.untypedTasks.push(holder.where);
  const links = chain ? code.links.filter((line) => line !== chain.line) : code.links;
  const returned = chain ? chain.line.slice(0, -1) : code.startVariable;
  const body = [...code.declarations, ...links, `return ${returned};`];
  return new RawCode(`(${factory}) => {\n${body.join('\n')}\n}`);
}

function target(name: JsonValue | undefined, entries: Entries, where: string, context: GraphContext): string {
  if (typeof name !== 'string') throw new ImportError(`${where}: must name a state, got ${JSON.stringify(name)}`);
  const entry = entries.map.get(name);
  if (entry) {
    entries.referenced.add(entry.variable);
    return entry.variable;
  }
  if (context.outside) return context.outside(name);
  throw new ImportError(`${where}: "${name}" is not a state of this graph`);
}

function declaration(
  entry: Entry,
  factory: string,
  context: GraphContext,
  language: QueryLanguage,
  used: boolean,
): string {
  const { state, where } = entry;
  const type = state.Type as string;
  const stateContext = { where, language, imports: context.imports };
  const extra: { [key: string]: CodeValue } = {};
  let processor: RawCode | undefined;
  // An explicit empty Retry/Catch list is kept: the DSL writes `retry: []` back as `Retry: []`.
  if (Array.isArray(state.Retry) && state.Retry.length === 0) extra.retry = [];
  if (Array.isArray(state.Catch) && state.Catch.length === 0) extra.catch = [];
  if (type === 'Parallel') {
    const branches = state.Branches;
    if (!Array.isArray(branches) || branches.length === 0)
      throw new ImportError(`${where}.Branches: must be a non-empty list of graphs`);
    extra.branches = branches.map((branch, index) =>
      builderCode(branch, `${where}/branch ${index}`, context, 'branch'),
    );
  }
  if (type === 'Map') {
    if (state.ItemProcessor !== undefined && state.Iterator !== undefined) {
      throw new ImportError(`${where}: has both ItemProcessor and Iterator`);
    }
    const key = state.Iterator !== undefined ? 'Iterator' : 'ItemProcessor';
    const graph = state[key];
    if (!isJsonObject(graph)) throw new ImportError(`${where}.${key}: missing`);
    const { ProcessorConfig: _config, ...processorGraph } = graph;
    processor = builderCode(processorGraph, `${where}/${key}`, context, 'item');
  }
  const options = stateOptionsCode(state, stateContext, extra);
  const args = [stringLiteral(entry.name)];
  const needsOptions = ['task', 'wait', 'parallel', 'map'].includes(FACTORY_METHOD[type]!);
  if (options.code !== undefined) args.push(options.code);
  else if (needsOptions || processor) args.push('{}');
  if (processor) args.push(processor.text);
  const call = `${factory}.${FACTORY_METHOD[type]}(${args.join(', ')})`;
  return used ? `const ${entry.variable} = ${call};` : `${call};`;
}

function choiceLinks(
  entry: Entry,
  entries: Entries,
  context: GraphContext,
  language: QueryLanguage,
): string | undefined {
  const { state, where } = entry;
  const choices = state.Choices;
  if (!Array.isArray(choices) || choices.length === 0)
    throw new ImportError(`${where}.Choices: must be a non-empty list`);
  const calls: string[] = [];
  choices.forEach((choice, index) => {
    const at = `${where}.Choices[${index}]`;
    if (!isJsonObject(choice)) throw new ImportError(`${at}: must be an object`);
    const { Next: next, Comment: comment, Assign: assign, Output: output, ...rule } = choice;
    const targetVariable = target(next, entries, `${at}.Next`, context);
    let condition: string;
    if (language === 'JSONata') {
      const keys = Object.keys(rule);
      const value = rule.Condition;
      if (keys.length !== 1 || (typeof value !== 'string' && typeof value !== 'boolean')) {
        throw new ImportError(`${at}: a JSONata rule needs exactly a Condition (a {% %} string or a boolean)`);
      }
      condition = primitiveCode(value);
    } else {
      const scope = new CodeScope(context.imports, true);
      const helper = conditionCode(rule, scope);
      if (helper === undefined) condition = printCode(rule as CodeValue);
      else condition = scope.scopeNames.size ? `(${scope.parameterList()}) => ${helper}` : helper;
    }
    const optionScope = new CodeScope(context.imports, false);
    const options: { [key: string]: CodeValue } = {};
    if (comment !== undefined) options.comment = comment;
    if (assign !== undefined) options.assign = templateCode(assign, language, optionScope, 'input');
    if (output !== undefined) options.output = output;
    const optionText = Object.keys(options).length ? `, ${printCode(options)}` : '';
    calls.push(`  .when(${condition}, ${targetVariable}${optionText})`);
  });
  if (state.Default !== undefined)
    calls.push(`  .otherwise(${target(state.Default, entries, `${where}.Default`, context)})`);
  return `${entry.variable}\n${calls.join('\n')};`;
}

function recoveryCalls(entry: Entry, entries: Entries, context: GraphContext, language: QueryLanguage): string[] {
  const { state, where } = entry;
  const calls: string[] = [];
  if (state.Retry !== undefined) {
    if (!Array.isArray(state.Retry)) throw new ImportError(`${where}.Retry: must be a list`);
    for (const [index, retrier] of state.Retry.entries())
      calls.push(`.retry(${retryOptionsCode(retrier, `${where}.Retry[${index}]`, context.imports)})`);
  }
  if (state.Catch !== undefined) {
    if (!Array.isArray(state.Catch)) throw new ImportError(`${where}.Catch: must be a list`);
    state.Catch.forEach((catcher, index) => {
      const at = `${where}.Catch[${index}]`;
      if (!isJsonObject(catcher)) throw new ImportError(`${at}: must be an object`);
      const handler = target(catcher.Next, entries, `${at}.Next`, context);
      const options = catchOptionsCode(catcher, at, language, context.imports);
      calls.push(`.catch(${handler}${options ? `, ${options}` : ''})`);
    });
  }
  return calls;
}

function links(entry: Entry, entries: Entries, context: GraphContext, language: QueryLanguage): string | undefined {
  const { state, where } = entry;
  if (state.Type === 'Choice') return choiceLinks(entry, entries, context, language);
  const calls = recoveryCalls(entry, entries, context, language);
  if ('Next' in STATE_FIELDS[state.Type as string]!) {
    if (state.Next !== undefined && state.End !== undefined) throw new ImportError(`${where}: has both Next and End`);
    if (state.End !== undefined && state.End !== true) throw new ImportError(`${where}.End: must be true when present`);
    if (state.Next !== undefined) calls.push(`.next(${target(state.Next, entries, `${where}.Next`, context)})`);
    else if (state.End === undefined) throw new ImportError(`${where}: needs Next or End: true`);
  }
  return calls.length ? `${entry.variable}${calls.join('')};` : undefined;
}

/** Statements declaring and linking one graph's states through `factory` (the workflow, or a builder's `item`/`branch`). */
export function graphCode(graph: JsonObject, where: string, factory: string, context: GraphContext): GraphCode {
  const { StartAt: startAt, States: states, ...rest } = graph;
  const prefix = where === '' ? '' : `${where}/`;
  for (const key of Object.keys(rest)) {
    if (where !== '' || !['Comment', 'QueryLanguage', 'TimeoutSeconds', 'Version'].includes(key)) {
      throw new ImportError(`${where || 'definition'}.${key}: not a field the DSL knows here`);
    }
  }
  if (!isJsonObject(states)) throw new ImportError(`${where || 'definition'}.States: must be an object of states`);
  if (typeof startAt !== 'string') throw new ImportError(`${where || 'definition'}.StartAt: must name a state`);
  const entries: Entries = { map: new Map<string, Entry>(), referenced: new Set<string>() };
  for (const [name, state] of Object.entries(states)) {
    const at = `${prefix}${name}`;
    if (!isJsonObject(state)) throw new ImportError(`${at}: a state must be an object`);
    if (typeof state.Type !== 'string' || !STATE_FIELDS[state.Type]) {
      throw new ImportError(`${at}.Type: unknown state type ${JSON.stringify(state.Type)}`);
    }
    entries.map.set(name, { name, state, variable: context.names.allocate(name), where: at });
  }
  const start = entries.map.get(startAt);
  if (!start) throw new ImportError(`${where || 'definition'}.StartAt: "${startAt}" is not a state of this graph`);
  const startIsFirst = entries.map.keys().next().value === startAt;
  const linkLines: string[] = [];
  const used = entries.referenced;
  // The start needs a name for `return start;` in a builder, or `wf.start(start)` when it is not the first state.
  if (where !== '' || !startIsFirst) used.add(start.variable);
  for (const entry of entries.map.values()) {
    const line = links(entry, entries, context, languageOf(entry.state, context, entry.where));
    if (line === undefined) continue;
    linkLines.push(line);
    used.add(entry.variable);
  }
  const taskHolders = [...entries.map.values()].filter((entry) => holdsTask(entry.state));
  // A top-level state holding a Task is named: the workflow is typed with them (`withTasks(...)`).
  if (where === '') for (const entry of taskHolders) used.add(entry.variable);
  const declarations = [...entries.map.values()].map((entry) =>
    declaration(entry, factory, context, languageOf(entry.state, context, entry.where), used.has(entry.variable)),
  );
  return {
    declarations,
    links: joinChains(linkLines),
    startVariable: start.variable,
    startIsFirst,
    taskHolders: taskHolders.map(({ variable, where: at }) => ({ variable, where: at })),
  };
}
