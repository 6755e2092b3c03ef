import { existsSync, readFileSync } from 'node:fs';
import { isJsonObject, type JsonObject } from '../asl/json.ts';
import { buildModel, type StateNode } from '../asl/model.ts';
import { jsonataBody, ownStrings } from '../asl/own-values.ts';
import { Report } from '../analyse/report.ts';
import type { Finding } from '../analyse/index.ts';
import { GenerateError } from '../generate-error.ts';

/** `.stepforge/localstack/probe.json` (docs/internal-contracts.md, "Capability probe"). */
export interface ProbeResult {
  readonly endpoint?: string;
  readonly version?: string;
  readonly features: Readonly<Record<string, { readonly supported: boolean; readonly detail?: string }>>;
}

export const PROBE_FILE = '.stepforge/localstack/probe.json';

export function readProbe(path: string): ProbeResult | undefined {
  if (!existsSync(path)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new GenerateError(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (!isJsonObject(parsed) || !isJsonObject(parsed.features))
    throw new GenerateError(`${path}: "features" must be an object`);
  return parsed as unknown as ProbeResult;
}

const isActivity = (resource: unknown) =>
  typeof resource === 'string' &&
  (resource.startsWith('${activity:') || /^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource));

/** Which probed features a state uses; each is named as the probe names it. */
const FEATURE_USE: Record<string, (node: StateNode) => boolean> = {
  jsonata: (node) => node.language === 'JSONata',
  assign: (node) => node.definition.Assign !== undefined || hasNestedAssign(node.definition),
  activities: (node) => node.definition.Type === 'Task' && isActivity(node.definition.Resource),
  waitForTaskToken: (node) =>
    typeof node.definition.Resource === 'string' && node.definition.Resource.endsWith('.waitForTaskToken'),
  itemBatcher: (node) => node.definition.Type === 'Map' && node.definition.ItemBatcher !== undefined,
  resultWriter: (node) => node.definition.Type === 'Map' && node.definition.ResultWriter !== undefined,
  distributedMapS3ItemReaderMultiPage: (node) => {
    const reader = node.definition.ItemReader;
    return isJsonObject(reader) && typeof reader.Resource === 'string' && reader.Resource.endsWith(':s3:listObjectsV2');
  },
  jsonataUuid: (node) =>
    node.language === 'JSONata' &&
    ownStrings(node.definition).some(({ value }) => /\$uuid\s*\(/.test(jsonataBody(value) ?? '')),
};

function hasNestedAssign(state: JsonObject): boolean {
  const withAssign = (entries: unknown) =>
    Array.isArray(entries) && entries.some((entry) => isJsonObject(entry) && entry.Assign !== undefined);
  return withAssign(state.Catch) || withAssign(state.Choices);
}

/**
 * Features a definition uses that the LocalStack probe found unsupported: warnings, or errors with `--strict`.
 * One finding per feature, at the first state using it.
 */
export function checkAgainstProbe(definition: JsonObject, probe: ProbeResult, strict: boolean): Finding[] {
  const report = new Report();
  const model = buildModel(definition);
  for (const [feature, uses] of Object.entries(FEATURE_USE)) {
    const status = probe.features[feature];
    if (!status || status.supported) continue;
    const first = model.states.find(uses);
    if (!first) continue;
    const detail = (status.detail ?? '').replace(/\s+/g, ' ');
    const shortDetail = detail.length > 160 ? `${detail.slice(0, 159)}…` : detail;
    const message = `uses ${feature}, which the LocalStack probe${probe.version ? ` (${probe.version})` : ''} found unsupported${shortDetail ? `: ${shortDetail}` : ''}`;
    if (strict) report.error('LOCALSTACK_UNSUPPORTED', first.path, message);
    else report.warning('LOCALSTACK_UNSUPPORTED', first.path, message);
  }
  return report.findings;
}
