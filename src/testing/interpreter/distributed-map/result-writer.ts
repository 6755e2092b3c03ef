// ResultWriter: a Distributed Map writes its child executions' results to S3 as AWS does, under
// `<Prefix>/<map run id>/`: SUCCEEDED_0.json, FAILED_0.json, PENDING_0.json (JSON arrays, or JSON Lines with
// WriterConfig.OutputType JSONL) and manifest.json listing them; the state's result is then
// `{ MapRunArn, ResultWriterDetails: { Bucket, Key } }`. WriterConfig.Transformation COMPACT keeps only each
// succeeded child's output, FLATTEN flattens array outputs (a failed child is written in full either way); without a Resource the transformed results are the state's
// result. A write that fails (no such bucket) is States.ResultWriterFailed.
import { StatesError, STATES } from '../../errors.ts';
import { evaluateJsonataTemplate } from '../../jsonata.ts';
import { applyTemplate } from '../../jsonpath/index.ts';
import { isJsonObject, type JsonObject, type JsonValue, toJsonText } from '../../json.ts';
import type { StateRun } from '../state-run.ts';

/** One child execution of the Map Run. */
export interface ChildRun {
  /** The item's (or batch's) index. */
  readonly index: number;
  readonly name: string;
  readonly executionArn: string;
  readonly input: JsonValue;
  readonly startDate: string;
  readonly stopDate?: string;
  readonly status: 'SUCCEEDED' | 'FAILED' | 'ABORTED' | 'PENDING';
  readonly output?: JsonValue;
  readonly error?: string;
  readonly cause?: string;
  /** How many times it was redriven (with its parent). */
  readonly redriveCount?: number;
}

export async function writeResults(
  run: StateRun,
  writer: JsonObject,
  mapRunArn: string,
  children: readonly ChildRun[],
  effective: JsonValue,
): Promise<JsonValue> {
  const config = isJsonObject(writer.WriterConfig) ? writer.WriterConfig : {};
  const transformation = String(config.Transformation ?? 'NONE');
  if (writer.Resource === undefined) return transform(children, transformation === 'NONE' ? 'COMPACT' : transformation);
  const where = `ResultWriter of Map state '${run.name}'`;
  const parameters =
    run.language === 'JSONata'
      ? await evaluateJsonataTemplate(writer.Arguments ?? {}, run.jsonataScope(), `${run.name}.ResultWriter.Arguments`)
      : applyTemplate(writer.Parameters ?? {}, run.pathScope(effective), where);
  if (
    writer.Resource !== 'arn:aws:states:::s3:putObject' ||
    !isJsonObject(parameters) ||
    typeof parameters.Bucket !== 'string'
  )
    throw new StatesError(
      STATES.ResultWriterFailed,
      `${where} needs Resource arn:aws:states:::s3:putObject and a Bucket`,
    );
  const bucket = parameters.Bucket;
  const prefix =
    typeof parameters.Prefix === 'string' && parameters.Prefix !== '' ? `${parameters.Prefix.replace(/\/$/, '')}/` : '';
  const folder = `${prefix}${mapRunArn.slice(mapRunArn.lastIndexOf(':') + 1)}/`;
  const lines = config.OutputType === 'JSONL';
  const store = run.frame.execution.s3;
  if (!store.hasBucket(bucket))
    throw new StatesError(
      STATES.ResultWriterFailed,
      `${where} could not write to s3://${bucket}/${folder}: the bucket does not exist`,
    );
  const files: Record<string, JsonObject[]> = { FAILED: [], PENDING: [], SUCCEEDED: [] };
  for (const status of ['SUCCEEDED', 'FAILED', 'PENDING'] as const) {
    const group = children.filter((child) =>
      status === 'FAILED' ? child.status === 'FAILED' || child.status === 'ABORTED' : child.status === status,
    );
    if (group.length === 0) continue;
    const entries = transform(group, transformation);
    const key = `${folder}${status}_0.${lines ? 'jsonl' : 'json'}`;
    const body = lines ? entries.map((entry) => toJsonText(entry)).join('\n') : toJsonText(entries);
    store.put(bucket, key, body, 'application/json');
    (files[status] as JsonObject[]).push({ Key: key, Size: Buffer.byteLength(body) });
  }
  const manifestKey = `${folder}manifest.json`;
  store.put(
    bucket,
    manifestKey,
    toJsonText({ DestinationBucket: bucket, MapRunArn: mapRunArn, ResultFiles: files }),
    'application/json',
  );
  return { MapRunArn: mapRunArn, ResultWriterDetails: { Bucket: bucket, Key: manifestKey } };
}

/**
 * COMPACT keeps a succeeded child's output, FLATTEN also spreads an array output; a child that did not succeed is
 * written as NONE writes it, whatever the transformation. The guide's note under WriterConfig says so: a failed
 * child execution's result is returned unchanged, as if Transformation were NONE
 * (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
 */
function transform(children: readonly ChildRun[], transformation: string): JsonValue[] {
  if (transformation !== 'COMPACT' && transformation !== 'FLATTEN') return children.map(describeChild);
  return children.flatMap((child): JsonValue[] => {
    if (child.status !== 'SUCCEEDED') return [describeChild(child)];
    const output = child.output ?? null;
    return transformation === 'FLATTEN' && Array.isArray(output) ? output : [output];
  });
}

/** A child execution as DescribeExecution gives it, the way ResultWriter's NONE transformation writes it. */
function describeChild(child: ChildRun): JsonObject {
  const base: JsonObject = {
    ExecutionArn: child.executionArn,
    Input: toJsonText(child.input),
    InputDetails: { Included: true },
    Name: child.name,
    RedriveCount: child.redriveCount ?? 0,
    RedriveStatus: 'NOT_REDRIVABLE',
    RedriveStatusReason: 'Execution is SUCCEEDED and cannot be redriven',
    StartDate: child.startDate,
    StateMachineArn: child.executionArn.replace(':execution:', ':stateMachine:').replace(/:[^:]+$/, ''),
    Status: child.status,
    ...(child.stopDate !== undefined && { StopDate: child.stopDate }),
  };
  if (child.status === 'SUCCEEDED')
    return { ...base, Output: toJsonText(child.output ?? null), OutputDetails: { Included: true } };
  return {
    ...base,
    RedriveStatus: 'REDRIVABLE',
    RedriveStatusReason: '',
    ...(child.error !== undefined && { Error: child.error }),
    ...(child.cause !== undefined && { Cause: child.cause }),
  };
}
