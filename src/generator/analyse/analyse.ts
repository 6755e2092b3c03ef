import { isJsonObject, type JsonValue } from '../asl/json.ts';
import { buildModel } from '../asl/model.ts';
import { checkExpress } from './check-express.ts';
import { checkFields } from './check-fields.ts';
import { checkIntrinsics } from './check-intrinsics.ts';
import { checkJsonata } from './check-jsonata.ts';
import { checkPaths } from './check-paths.ts';
import { checkQueryLanguage } from './check-query-language.ts';
import { checkResources } from './check-resources.ts';
import { checkRetryCatch } from './check-retry-catch.ts';
import { checkStates } from './check-states.ts';
import { checkStructure } from './check-structure.ts';
import { checkTaskToken } from './check-task-token.ts';
import { checkVariables } from './check-variables.ts';
import { checkWorkerTimeouts } from './check-worker-timeouts.ts';
import type { Finding, SourceLocation } from './finding.ts';
import { Report } from './report.ts';
import { secondOpinion } from './second-opinion.ts';

export interface AnalyseOptions {
  /** The DSL's `locations()`; without it (raw ASL) findings carry no location. */
  readonly locations?: ReadonlyMap<string, SourceLocation>;
  /** The workflow type; EXPRESS rules out activities, `.waitForTaskToken` and `.sync` (default STANDARD). */
  readonly type?: 'STANDARD' | 'EXPRESS';
  /** Run asl-validator too (default true) when no error was found; its findings are warnings. */
  readonly secondOpinion?: boolean;
}

/** The state's own call, else the nearest enclosing state's, else the `workflow(...)` call. */
export function locate(
  statePath: string,
  locations: ReadonlyMap<string, SourceLocation> | undefined,
): SourceLocation | undefined {
  if (!locations) return undefined;
  let path = statePath;
  while (path !== '') {
    const found = locations.get(path);
    if (found) return found;
    path = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
  }
  return locations.get('');
}

/** Analyses one ASL definition; errors first, then warnings, each group in the order of the states. */
export function analyse(definition: JsonValue, options: AnalyseOptions = {}): Finding[] {
  const report = new Report();
  const stateOrder = new Map<string, number>([['', -1]]);
  if (!isJsonObject(definition)) {
    report.error('NOT_AN_OBJECT', '', 'a state machine definition is a JSON object');
  } else {
    const model = buildModel(definition);
    for (const [index, node] of model.states.entries()) stateOrder.set(node.path, index);
    checkStructure(model, report);
    checkStates(model, report);
    checkFields(model, report);
    checkRetryCatch(model, report);
    checkQueryLanguage(model, report);
    checkPaths(model, report);
    checkResources(model, report);
    checkIntrinsics(model, report);
    checkJsonata(model, report);
    checkTaskToken(model, report);
    checkWorkerTimeouts(model, report);
    checkVariables(model, report);
    if (options.type === 'EXPRESS') checkExpress(model, report);
    // A second opinion on what we accept; on a definition we already reject it would only repeat us.
    const rejected = report.findings.some((finding) => finding.severity === 'error');
    if (options.secondOpinion !== false && !rejected) secondOpinion(definition, report);
  }
  const seen = new Set<string>();
  const unique = report.findings.filter((finding) => {
    const key = `${finding.severity}|${finding.code}|${finding.statePath}|${finding.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const rank = (finding: Finding) =>
    (finding.severity === 'error' ? 0 : 1e9) + (stateOrder.get(finding.statePath) ?? 1e8);
  // Array.prototype.sort is stable: findings of one state keep the order of the checks.
  const ordered = unique.sort((a, b) => rank(a) - rank(b));
  return ordered.map((finding) => {
    const location = locate(finding.statePath, options.locations);
    return location ? { ...finding, location } : finding;
  });
}

export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((finding) => finding.severity === 'error');
}
