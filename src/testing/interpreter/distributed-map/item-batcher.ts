// ItemBatcher: a Distributed Map's child executions each take a batch `{ BatchInput?, Items: [...] }` instead of
// one item: at most MaxItemsPerBatch(Path) items and at most MaxInputBytesPerBatch(Path) bytes of batch JSON (one
// item too big for the byte limit still gets a batch of its own, rather than none).
import { StatesError, STATES } from '../../errors.ts';
import { evaluateJsonataTemplate } from '../../jsonata.ts';
import { applyTemplate, evaluate } from '../../jsonpath/index.ts';
import { type JsonObject, type JsonValue, numberFromPath, toJsonText } from '../../json.ts';
import type { StateRun } from '../state-run.ts';
import { integerField } from '../integer-field.ts';

export async function batchItems(
  run: StateRun,
  batcher: JsonObject,
  items: readonly JsonValue[],
  effective: JsonValue,
): Promise<JsonValue[]> {
  const maxItems = await limit(run, batcher, 'MaxItemsPerBatch', effective);
  const maxBytes = await limit(run, batcher, 'MaxInputBytesPerBatch', effective);
  if (maxItems === undefined && maxBytes === undefined) {
    throw new StatesError(
      STATES.Runtime,
      `The ItemBatcher of Map state '${run.name}' needs MaxItemsPerBatch or MaxInputBytesPerBatch (or their Path forms)`,
    );
  }
  const batchInput = await readBatchInput(run, batcher, effective);
  const batchOf = (members: JsonValue[]): JsonObject => ({
    ...(batchInput !== undefined && { BatchInput: batchInput }),
    Items: members,
  });
  const batches: JsonValue[] = [];
  let current: JsonValue[] = [];
  for (const item of items) {
    const candidate = [...current, item];
    const tooMany = maxItems !== undefined && candidate.length > maxItems;
    const tooBig = maxBytes !== undefined && Buffer.byteLength(toJsonText(batchOf(candidate))) > maxBytes;
    if (current.length > 0 && (tooMany || tooBig)) {
      batches.push(batchOf(current));
      current = [item];
    } else current = candidate;
  }
  if (current.length > 0) batches.push(batchOf(current));
  return batches;
}

async function limit(
  run: StateRun,
  batcher: JsonObject,
  name: string,
  effective: JsonValue,
): Promise<number | undefined> {
  let value: JsonValue | undefined = batcher[name];
  if (value !== undefined && run.language === 'JSONata')
    value = await evaluateJsonataTemplate(value, run.jsonataScope(), `${run.name}.ItemBatcher.${name}`);
  const path = batcher[`${name}Path`];
  if (value === undefined && typeof path === 'string')
    value = numberFromPath(
      evaluate(path, run.pathScope(effective), `ItemBatcher.${name}Path of Map state '${run.name}'`),
    );
  if (value === undefined) return undefined;
  return integerField(value, `The ItemBatcher ${name} of Map state '${run.name}'`, 1);
}

async function readBatchInput(
  run: StateRun,
  batcher: JsonObject,
  effective: JsonValue,
): Promise<JsonValue | undefined> {
  if (batcher.BatchInput === undefined) return undefined;
  if (run.language === 'JSONata')
    return evaluateJsonataTemplate(batcher.BatchInput, run.jsonataScope(), `${run.name}.ItemBatcher.BatchInput`);
  return applyTemplate(
    batcher.BatchInput,
    run.pathScope(effective),
    `ItemBatcher.BatchInput of Map state '${run.name}'`,
  );
}
