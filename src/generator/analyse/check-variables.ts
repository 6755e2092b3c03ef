import { isJsonObject, type JsonObject } from '../asl/json.ts';
import type { MachineModel, Scope, StateNode } from '../asl/model.ts';
import { transitionsOf } from '../asl/model.ts';
import { isLiteralField, jsonataBody, ownStrings } from '../asl/own-values.ts';
import { freeVariables, parseJsonata } from './jsonata-variables.ts';
import type { Report } from './report.ts';

function assignedNames(assign: JsonObject | undefined): string[] {
  return assign ? Object.keys(assign).map((key) => key.replace(/\.\$$/, '')) : [];
}

/** `$name` references of a JSONPath path or intrinsic call; quoted literals and `$`, `$$`, `$.x` are not variables. */
export function jsonPathVariables(expression: string): string[] {
  const withoutLiterals = expression.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  const names = new Set<string>();
  for (const match of withoutLiterals.matchAll(/(?<![\p{L}\p{Nd}_$])\$([\p{L}_][\p{L}\p{Nd}_]*)/gu))
    names.add(match[1]!);
  return [...names];
}

/** Which own strings of a JSONPath state are evaluated (and so may read variables). */
function isJsonPathExpressionField(key: string): boolean {
  return key.endsWith('.$') || key === 'Variable' || (key.endsWith('Path') && key !== 'ResultPath');
}

function variablesRead(node: StateNode): Map<string, string> {
  const read = new Map<string, string>();
  for (const { field, key, value } of ownStrings(node.definition)) {
    let names: string[] = [];
    if (node.language === 'JSONata') {
      const body = jsonataBody(value);
      if (body === undefined) continue;
      try {
        names = freeVariables(parseJsonata(body));
      } catch {
        continue; // check-jsonata reports the syntax error
      }
    } else if (isJsonPathExpressionField(key) && !isLiteralField(field)) {
      names = jsonPathVariables(value);
    }
    for (const name of names) if (!read.has(name)) read.set(name, field);
  }
  return read;
}

/**
 * Forward "may be assigned" analysis per scope: a variable is known at a state when some path from the scope's start
 * assigns it before (on a state's Assign, a Catcher's or a Choice rule's). Inline Map and Parallel scopes start with
 * what their owner knows; a distributed Map's child executions start with nothing.
 */
function knownAtEachState(scope: Scope, entry: ReadonlySet<string>, known: Map<StateNode, Set<string>>): void {
  const startAt = scope.definition.StartAt;
  if (typeof startAt !== 'string' || !scope.states.has(startAt)) return;
  const start = scope.states.get(startAt)!;
  known.set(start, new Set(entry));
  const queue: StateNode[] = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    const here = known.get(node)!;
    for (const transition of transitionsOf(node.definition)) {
      const target = scope.states.get(transition.target);
      if (!target) continue;
      const carried = new Set([...here, ...assignedNames(transition.assign)]);
      if (transition.field.startsWith('Choices') && isJsonObject(node.definition.Assign)) {
        for (const name of assignedNames(node.definition.Assign)) carried.add(name);
      }
      const before = known.get(target);
      const merged = new Set([...(before ?? []), ...carried]);
      if (!before || merged.size !== before.size) {
        known.set(target, merged);
        queue.push(target);
      }
    }
  }
}

/** Every Assign of a state: its own, its Catchers' and its Choice rules', with where each sits. */
function assignments(node: StateNode): [string, JsonObject][] {
  const found: [string, JsonObject][] = [];
  if (isJsonObject(node.definition.Assign)) found.push(['Assign', node.definition.Assign]);
  for (const field of ['Catch', 'Choices'] as const) {
    const entries = node.definition[field];
    if (!Array.isArray(entries)) continue;
    entries.forEach((entry, index) => {
      if (isJsonObject(entry) && isJsonObject(entry.Assign)) found.push([`${field}[${index}].Assign`, entry.Assign]);
    });
  }
  return found;
}

export function checkVariables(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    for (const [field, assign] of assignments(node)) {
      for (const name of assignedNames(assign)) {
        if (name === 'states')
          report.error('RESERVED_VARIABLE', node.path, `${field} assigns $states, which Step Functions reserves`);
        else if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name))
          report.error('INVALID_VARIABLE_NAME', node.path, `${field}: "${name}" is not a valid variable name`);
      }
    }
  }
  const known = new Map<StateNode, Set<string>>();
  knownAtEachState(model.root, new Set(), known);
  // model.scopes lists parents before children, so an owner's knowledge is complete when its children are visited.
  for (const scope of model.scopes) {
    if (!scope.owner) continue;
    const entry = scope.distributed ? new Set<string>() : (known.get(scope.owner) ?? new Set<string>());
    knownAtEachState(scope, entry, known);
  }
  for (const node of model.states) {
    const here = known.get(node);
    if (!here) continue; // unreachable: reported by check-structure
    for (const [name, field] of variablesRead(node)) {
      if (!here.has(name))
        report.error(
          'UNASSIGNED_VARIABLE',
          node.path,
          `${field} reads $${name}, which no earlier state assigns in this scope`,
        );
    }
  }
}
