import { isJsonObject, type JsonObject, type JsonValue } from './json.ts';

export type QueryLanguage = 'JSONPath' | 'JSONata';

/** A state with the facts every check needs: its unique path, its scope and its effective query language. */
export interface StateNode {
  readonly name: string;
  /** `"Outer/branch 0/Inner"` for a Parallel branch, `"Map/Inner"` for a Map processor, the name at top level. */
  readonly path: string;
  readonly definition: JsonObject;
  readonly scope: Scope;
  readonly language: QueryLanguage;
}

/** A set of states that may name each other in `Next`: the machine, one Parallel branch or one Map processor. */
export interface Scope {
  /** The state path prefix of its states (`""` at top level). */
  readonly prefix: string;
  readonly kind: 'machine' | 'branch' | 'processor';
  readonly owner?: StateNode;
  /** A distributed Map's processor runs as child executions and sees no variable of its parent. */
  readonly distributed: boolean;
  readonly definition: JsonObject;
  readonly states: Map<string, StateNode>;
  readonly children: Scope[];
}

export interface MachineModel {
  readonly definition: JsonObject;
  readonly defaultLanguage: QueryLanguage;
  readonly root: Scope;
  /** Every scope and state, depth first in declaration order (so parents come before their children). */
  readonly scopes: readonly Scope[];
  readonly states: readonly StateNode[];
}

export function statePathIn(prefix: string, name: string): string {
  return prefix === '' ? name : `${prefix}/${name}`;
}

function languageOf(value: JsonValue | undefined): QueryLanguage | undefined {
  return value === 'JSONata' || value === 'JSONPath' ? value : undefined;
}

/** Reads a definition as loosely as possible: the checks report what is malformed, the model only skips it. */
export function buildModel(definition: JsonObject): MachineModel {
  const defaultLanguage = languageOf(definition.QueryLanguage) ?? 'JSONPath';
  const scopes: Scope[] = [];
  const states: StateNode[] = [];

  const visit = (
    scopeDefinition: JsonObject,
    prefix: string,
    kind: Scope['kind'],
    owner?: StateNode,
    distributed = false,
  ): Scope => {
    const scope: Scope = {
      prefix,
      kind,
      owner,
      distributed,
      definition: scopeDefinition,
      states: new Map(),
      children: [],
    };
    scopes.push(scope);
    const declared = isJsonObject(scopeDefinition.States) ? scopeDefinition.States : {};
    // Depth first, in declaration order: a state's nested scopes come right after it, as a reader sees them.
    for (const [name, stateDefinition] of Object.entries(declared)) {
      if (!isJsonObject(stateDefinition)) continue;
      const node: StateNode = {
        name,
        path: statePathIn(prefix, name),
        definition: stateDefinition,
        scope,
        language: languageOf(stateDefinition.QueryLanguage) ?? defaultLanguage,
      };
      scope.states.set(name, node);
      states.push(node);
      const branches = node.definition.Branches;
      if (node.definition.Type === 'Parallel' && Array.isArray(branches)) {
        branches.forEach((branch, index) => {
          if (isJsonObject(branch)) scope.children.push(visit(branch, `${node.path}/branch ${index}`, 'branch', node));
        });
      }
      const processor = node.definition.ItemProcessor ?? node.definition.Iterator;
      if (node.definition.Type === 'Map' && isJsonObject(processor)) {
        const config = isJsonObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
        scope.children.push(visit(processor, node.path, 'processor', node, config.Mode === 'DISTRIBUTED'));
      }
    }
    return scope;
  };

  const root = visit(definition, '', 'machine');
  return { definition, defaultLanguage, root, scopes, states };
}

/** One way out of a state, with the variables assigned on the way (a Catcher's or Choice rule's own Assign). */
export interface Transition {
  readonly target: string;
  readonly field: string;
  readonly assign?: JsonObject;
}

export function transitionsOf(state: JsonObject): Transition[] {
  const found: Transition[] = [];
  const ownAssign = isJsonObject(state.Assign) ? state.Assign : undefined;
  if (typeof state.Next === 'string') found.push({ target: state.Next, field: 'Next', assign: ownAssign });
  if (typeof state.Default === 'string') found.push({ target: state.Default, field: 'Default', assign: ownAssign });
  if (Array.isArray(state.Choices)) {
    state.Choices.forEach((rule, index) => {
      if (isJsonObject(rule) && typeof rule.Next === 'string') {
        found.push({
          target: rule.Next,
          field: `Choices[${index}].Next`,
          assign: isJsonObject(rule.Assign) ? rule.Assign : undefined,
        });
      }
    });
  }
  if (Array.isArray(state.Catch)) {
    state.Catch.forEach((catcher, index) => {
      if (isJsonObject(catcher) && typeof catcher.Next === 'string') {
        found.push({
          target: catcher.Next,
          field: `Catch[${index}].Next`,
          assign: isJsonObject(catcher.Assign) ? catcher.Assign : undefined,
        });
      }
    });
  }
  return found;
}
