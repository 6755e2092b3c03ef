// An ASL definition (a state machine, or one state for the TestState API) -> the source of a workflow module.
import type { JsonObject, JsonValue, QueryLanguage } from '../../dsl/asl-types.ts';
import { type CodeValue, printCode, stringLiteral } from './code-text.ts';
import { formatSource } from './format-source.ts';
import { type GraphContext, graphCode } from './graph-code.ts';
import { ImportError } from './import-error.ts';
import { NameAllocator } from './names.ts';
import { holdsTask } from './typed-tasks.ts';
import { isJsonObject } from '../asl/json.ts';

export interface ImportOptions {
  /** The workflow name (letters, digits, `-`, `_`); derived from the file name by `workflowNameFor`. */
  readonly name: string;
  /** How the module imports the DSL. Default `../src/dsl/index.ts` (a module in `workflows/`). */
  readonly dslImport?: string;
  /** Named in the header comment. */
  readonly source?: string;
  /** Skip ts-morph formatting (the text is valid TypeScript either way); for benchmarks of the core. */
  readonly format?: boolean;
}

/** What kind of definition was imported: a whole state machine, or a single state wrapped in one. */
export type DefinitionKind = 'state-machine' | 'state';

export interface ImportResult {
  readonly source: string;
  readonly kind: DefinitionKind;
  /** For a single state: its name in the generated workflow (the workflow's StartAt). */
  readonly stateName?: string;
  /** For a single state: transitions to states outside the file, stood in for by Succeed states. */
  readonly standIns: readonly string[];
}

const IMPORT_ORDER = ['$', 'arn', 'Condition', 'context', 'Errors', 'States', 'variable', 'workflow'];
const NAME = /^[A-Za-z0-9_-]{1,80}$/;

/** `scenarios/map_state.json5` -> `map_state`, `workflows/orders.ts` -> `orders`: a workflow name from a file name. */
export function workflowNameFor(fileName: string): string {
  const base = fileName
    .split(/[\\/]/)
    .pop()!
    .replace(/\.(asl\.)?(json5?|ya?ml|ts)$/i, '');
  const cleaned = base
    .replace(/[^A-Za-z0-9_-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return cleaned || 'imported';
}

function topOptions(definition: JsonObject, language: QueryLanguage | undefined): { [key: string]: CodeValue } {
  const options: { [key: string]: CodeValue } = {};
  if (definition.Comment !== undefined) options.comment = definition.Comment;
  if (language !== undefined) options.queryLanguage = language;
  if (definition.TimeoutSeconds !== undefined) {
    if (typeof definition.TimeoutSeconds !== 'number')
      throw new ImportError(`definition.TimeoutSeconds: must be a number`);
    options.timeoutSeconds = definition.TimeoutSeconds;
  }
  if (definition.Version !== undefined) {
    if (typeof definition.Version !== 'string') throw new ImportError(`definition.Version: must be a string`);
    options.version = definition.Version;
  }
  return options;
}

/** Turns a parsed definition into DSL source. Throws ImportError naming the field at fault. */
export function importDefinition(definition: JsonValue, options: ImportOptions): ImportResult {
  if (!isJsonObject(definition)) throw new ImportError('a definition must be a JSON object');
  if (!NAME.test(options.name))
    throw new ImportError(
      `workflow name must be 1-80 letters, digits, "-" or "_", got ${JSON.stringify(options.name)}`,
    );
  const isMachine = definition.States !== undefined || definition.StartAt !== undefined;
  if (!isMachine && definition.Type === undefined) {
    throw new ImportError('neither a state machine (no "States") nor a single state (no "Type")');
  }
  const typed = writeModule(definition, options, isMachine, true);
  // A Task state inside a nested graph that its builder cannot return as one chain: the type would miss it, and
  // a mock by its name would not compile; such a workflow is written untyped (mocks by any name), saying why.
  const { text, stateName, standIns } =
    typed.untypedTasks.length === 0 ? typed : writeModule(definition, options, isMachine, false, typed.untypedTasks);
  return {
    source: options.format === false ? text : formatSource(text),
    kind: isMachine ? 'state-machine' : 'state',
    stateName,
    standIns,
  };
}

interface WrittenModule {
  readonly text: string;
  readonly stateName: string | undefined;
  readonly standIns: readonly string[];
  /** Where the nested Task states are that the workflow's type would not carry (typed mocks impossible). */
  readonly untypedTasks: readonly string[];
}

/**
 * The module's text. `typed`: states are made through a `draft` and the export is `draft.withTasks(...)` with every
 * top-level state holding a Task, so that `runWorkflow`'s mocks are typed; else the workflow itself is exported.
 */
function writeModule(
  definition: JsonObject,
  options: ImportOptions,
  isMachine: boolean,
  typed: boolean,
  untypedBecause: readonly string[] = [],
): WrittenModule {
  const names = new NameAllocator();
  const imports = new Set<string>(['workflow']);
  const workflowVariable = names.allocate(options.name, 'workflow');
  const standIns = new Map<string, string>();
  let graph: JsonObject;
  let stateName: string | undefined;
  let language: QueryLanguage | undefined;
  if (isMachine) {
    if (definition.States === undefined)
      throw new ImportError('definition.States: missing (a state machine needs its states)');
    if (definition.StartAt === undefined)
      throw new ImportError('definition.StartAt: missing (a state machine needs a first state)');
    const top = definition.QueryLanguage;
    if (top !== undefined && top !== 'JSONPath' && top !== 'JSONata') {
      throw new ImportError(`definition.QueryLanguage: must be JSONPath or JSONata, got ${JSON.stringify(top)}`);
    }
    language = top;
    graph = definition;
  } else {
    stateName = options.name;
    graph = { StartAt: stateName, States: { [stateName]: definition } };
  }
  const context: GraphContext = {
    names,
    imports,
    workflowLanguage: language ?? 'JSONPath',
    outside: isMachine
      ? undefined
      : (name) => {
          let variable = standIns.get(name);
          if (!variable) {
            variable = names.allocate(name);
            standIns.set(name, variable);
          }
          return variable;
        },
    untypedTasks: [],
  };
  const states = isJsonObject(graph.States) ? Object.values(graph.States) : [];
  const factory = typed && states.some(holdsTask) ? names.allocate('draft') : workflowVariable;
  const code = graphCode(graph, '', factory, context);
  const head = topOptions(definition, language);
  const workflowArgs = [stringLiteral(options.name), ...(Object.keys(head).length ? [printCode(head)] : [])];
  const importList = IMPORT_ORDER.filter((name) => imports.has(name));
  const origin = options.source ? ` from ${options.source}` : '';
  const lines = [
    `// Imported${origin} by \`stepforge import\`.`,
    '// State names, Comments, JSONPath and JSONata are kept as written. No input type is known: replace `unknown`',
    "// with the execution input's type to get typed references.",
    ...(untypedBecause.length
      ? [
          "// Its mocks take any name: a Map's or Parallel's builder links Task states its type cannot follow",
          `// (${untypedBecause.join(', ')}).`,
        ]
      : []),
    `import { ${importList.join(', ')} } from ${stringLiteral(options.dslImport ?? '../src/dsl/index.ts')};`,
    '',
    `${factory === workflowVariable ? 'export ' : ''}const ${factory} = workflow<unknown>(${workflowArgs.join(', ')});`,
    '',
    ...code.declarations,
  ];
  if (standIns.size) {
    lines.push('', '// Stand-ins for the states this single-state definition continues to, which are not in the file.');
    for (const [name, variable] of standIns)
      lines.push(`const ${variable} = ${factory}.succeed(${stringLiteral(name)});`);
  }
  if (code.links.length) lines.push('', ...code.links);
  if (!code.startIsFirst) lines.push('', `${factory}.start(${code.startVariable});`);
  if (factory !== workflowVariable) {
    const holders = code.taskHolders.map((holder) => holder.variable).join(', ');
    lines.push('', '// Typed with its Task states, so that a test mocks them by name, typed (stepforge/testing).');
    lines.push(`export const ${workflowVariable} = ${factory}.withTasks(${holders});`);
  }
  const text = `${lines.join('\n')}\n`;
  return { text, stateName, standIns: [...standIns.keys()], untypedTasks: context.untypedTasks };
}
