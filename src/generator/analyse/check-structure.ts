import { isJsonObject } from '../asl/json.ts';
import { type MachineModel, type Scope, type StateNode, transitionsOf } from '../asl/model.ts';
import type { Report } from './report.ts';

export const STATE_TYPES = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
const NEEDS_NEXT_OR_END = new Set(['Task', 'Pass', 'Wait', 'Parallel', 'Map']);
const TERMINAL = new Set(['Succeed', 'Fail', 'Choice']);

function describeScope(scope: Scope): string {
  if (scope.kind === 'machine') return 'the state machine';
  return scope.kind === 'branch' ? `Parallel branch "${scope.prefix}"` : `Map processor of "${scope.prefix}"`;
}

/** Scopes own their StartAt/States; every scope, not just the machine, must have both. */
function checkScopeShape(scope: Scope, report: Report): void {
  const where = scope.prefix;
  const hasStates = isJsonObject(scope.definition.States);
  if (!hasStates) report.error('MISSING_STATES', where, `${describeScope(scope)} has no "States" object`);
  const startAt = scope.definition.StartAt;
  if (typeof startAt !== 'string') {
    report.error('MISSING_START_AT', where, `${describeScope(scope)} has no "StartAt"`);
  } else if (hasStates && !scope.states.has(startAt)) {
    report.error(
      'START_AT_NOT_FOUND',
      where,
      `"StartAt" names "${startAt}", which is not a state of ${describeScope(scope)}`,
    );
  }
  if (hasStates && scope.states.size === 0)
    report.error('MISSING_STATES', where, `${describeScope(scope)} declares no state`);
}

function checkTransitionFields(node: StateNode, report: Report): void {
  const { definition: state, path } = node;
  const type = state.Type;
  if (typeof type !== 'string' || !(STATE_TYPES as readonly string[]).includes(type)) {
    report.error(
      'UNKNOWN_STATE_TYPE',
      path,
      `"Type" must be one of ${STATE_TYPES.join(', ')}, got ${JSON.stringify(type ?? null)}`,
    );
    return;
  }
  const hasNext = state.Next !== undefined;
  const hasEnd = state.End !== undefined;
  if (NEEDS_NEXT_OR_END.has(type)) {
    if (hasNext && hasEnd) report.error('NEXT_AND_END', path, `a ${type} state has either "Next" or "End", not both`);
    else if (!hasNext && state.End !== true)
      report.error('MISSING_NEXT_OR_END', path, `a ${type} state needs "Next" or "End": true`);
    if (hasNext && typeof state.Next !== 'string') report.error('INVALID_NEXT', path, '"Next" must be a state name');
  }
  if (TERMINAL.has(type) && (hasNext || hasEnd)) {
    report.error('TERMINAL_STATE_WITH_NEXT', path, `a ${type} state takes no "Next" or "End"`);
  }
}

/** Next targets must exist in the same scope: a Parallel branch or Map processor is closed to the outside. */
function checkTargets(model: MachineModel, node: StateNode, report: Report): void {
  for (const { target, field } of transitionsOf(node.definition)) {
    if (node.scope.states.has(target)) continue;
    const elsewhere = model.states.find((other) => other.name === target);
    if (elsewhere) {
      report.error(
        'NEXT_OUT_OF_SCOPE',
        node.path,
        `${field} "${target}" leaves ${describeScope(node.scope)}: "${elsewhere.path}" is in another scope`,
      );
    } else {
      report.error('NEXT_NOT_FOUND', node.path, `${field} names "${target}", which is not a state`);
    }
  }
}

function checkReachability(scope: Scope, report: Report): void {
  const startAt = scope.definition.StartAt;
  if (typeof startAt !== 'string' || !scope.states.has(startAt)) return;
  const reached = new Set<string>([startAt]);
  const queue = [startAt];
  while (queue.length > 0) {
    const current = scope.states.get(queue.shift()!)!;
    for (const { target } of transitionsOf(current.definition)) {
      if (scope.states.has(target) && !reached.has(target)) {
        reached.add(target);
        queue.push(target);
      }
    }
  }
  for (const node of scope.states.values()) {
    if (!reached.has(node.name))
      report.error('UNREACHABLE_STATE', node.path, `"${node.name}" cannot be reached from "${startAt}"`);
  }
}

/** AWS wants state names unique across the whole machine, nested scopes included. */
function checkDuplicateNames(model: MachineModel, report: Report): void {
  const firstByName = new Map<string, StateNode>();
  for (const node of model.states) {
    const first = firstByName.get(node.name);
    if (first)
      report.error(
        'DUPLICATE_STATE_NAME',
        node.path,
        `the name "${node.name}" is also used by "${first.path}"; state names must be unique in the whole state machine`,
      );
    else firstByName.set(node.name, node);
  }
}

function checkStateNames(model: MachineModel, report: Report): void {
  for (const node of model.states) {
    if (node.name.length === 0 || node.name.length > 80) {
      report.error(
        'INVALID_STATE_NAME',
        node.path,
        `state names are 1 to 80 characters, "${node.name}" has ${node.name.length}`,
      );
    }
  }
}

export function checkStructure(model: MachineModel, report: Report): void {
  for (const scope of model.scopes) {
    checkScopeShape(scope, report);
    checkReachability(scope, report);
  }
  for (const node of model.states) {
    checkTransitionFields(node, report);
    checkTargets(model, node, report);
  }
  checkDuplicateNames(model, report);
  checkStateNames(model, report);
}
