// ItemReader: a Distributed Map's items from the run's S3. `s3:getObject` reads one object as a JSON array (or the
// array ReaderConfig.ItemsPointer selects in a JSON object), JSON Lines, CSV (header row, or the given CSVHeaders;
// every value a string), Parquet (a row per item) or an S3 inventory MANIFEST (its CSV data files, gzip or plain);
// `s3:listObjectsV2` lists a bucket (every page) as {Key, Size, Etag, LastModified, StorageClass}, or with ReaderConfig.Transformation LOAD_AND_FLATTEN the items of every listed object;
// ReaderConfig.ManifestType ATHENA_DATA reads the files an Athena manifest lists (S3_INVENTORY as MANIFEST does).
// ReaderConfig.MaxItems(Path) caps the count. Anything that goes wrong is States.ItemReaderFailed.
import { gunzipSync } from 'node:zlib';
import { StatesError, STATES } from '../../errors.ts';
import { evaluateJsonataTemplate } from '../../jsonata.ts';
import { applyTemplate, evaluate } from '../../jsonpath/index.ts';
import { isJsonObject, type JsonObject, type JsonValue, numberFromPath } from '../../json.ts';
import type { MemoryS3 } from '../../s3/index.ts';
import type { StateRun } from '../state-run.ts';
import { parseCsv } from './csv.ts';
import { resolvePointer } from './json-pointer.ts';
import { parquetItems } from './parquet.ts';
import { integerField } from '../integer-field.ts';

const GET_OBJECT = 'arn:aws:states:::s3:getObject';
const LIST_OBJECTS = 'arn:aws:states:::s3:listObjectsV2';

export async function readItemsFromS3(run: StateRun, reader: JsonObject, effective: JsonValue): Promise<JsonValue[]> {
  const jsonata = run.language === 'JSONata';
  const where = `ItemReader of Map state '${run.name}'`;
  const config = isJsonObject(reader.ReaderConfig) ? reader.ReaderConfig : {};
  const parameters = jsonata
    ? await evaluateJsonataTemplate(reader.Arguments ?? {}, run.jsonataScope(), `${run.name}.ItemReader.Arguments`)
    : applyTemplate(reader.Parameters ?? {}, run.pathScope(effective), where);
  const maxItems = await readMaxItems(run, config, effective, jsonata);
  const store = run.frame.execution.s3;
  let items: JsonValue[];
  try {
    if (!isJsonObject(parameters)) throw new Error('its Parameters must be an object with Bucket and Key');
    if (reader.Resource === LIST_OBJECTS) items = await listAll(store, parameters, config);
    else if (reader.Resource === GET_OBJECT) items = await readObject(store, parameters, config);
    else throw new Error(`Resource ${JSON.stringify(reader.Resource)} is not ${GET_OBJECT} or ${LIST_OBJECTS}`);
  } catch (error) {
    if (error instanceof StatesError) throw error;
    throw new StatesError(STATES.ItemReaderFailed, `${where} failed: ${(error as Error).message}`);
  }
  return maxItems === undefined ? items : items.slice(0, maxItems);
}

async function readMaxItems(
  run: StateRun,
  config: JsonObject,
  effective: JsonValue,
  jsonata: boolean,
): Promise<number | undefined> {
  let value: JsonValue | undefined = config.MaxItems;
  if (jsonata && value !== undefined)
    value = await evaluateJsonataTemplate(value, run.jsonataScope(), `${run.name}.ItemReader.ReaderConfig.MaxItems`);
  if (value === undefined && typeof config.MaxItemsPath === 'string')
    value = numberFromPath(
      evaluate(config.MaxItemsPath, run.pathScope(effective), `MaxItemsPath of Map state '${run.name}'`),
    );
  if (value === undefined) return undefined;
  const count = integerField(value, `The ItemReader MaxItems of Map state '${run.name}'`, 0);
  // 0 means no limit, as in AWS.
  return count === 0 ? undefined : count;
}

/** The listed objects, or (ReaderConfig.Transformation LOAD_AND_FLATTEN) the items of each, read as InputType. */
async function listAll(store: MemoryS3, parameters: JsonObject, config: JsonObject): Promise<JsonValue[]> {
  const bucket = field(parameters, 'Bucket');
  const prefix = typeof parameters.Prefix === 'string' ? parameters.Prefix : '';
  const listed = store.list(bucket, prefix);
  if (config.Transformation === 'LOAD_AND_FLATTEN') {
    const items: JsonValue[] = [];
    for (const { key } of listed) items.push(...(await objectItems(store, bucket, key, config)));
    return items;
  }
  return listed.map(({ key, object }) => ({
    Etag: object.etag,
    Key: key,
    LastModified: Math.floor(object.lastModified.getTime() / 1000),
    Size: object.body.byteLength,
    StorageClass: 'STANDARD',
  }));
}

async function readObject(store: MemoryS3, parameters: JsonObject, config: JsonObject): Promise<JsonValue[]> {
  const bucket = field(parameters, 'Bucket');
  const key = field(parameters, 'Key');
  if (config.ManifestType === 'ATHENA_DATA') return athenaDataItems(store, store.text(bucket, key), config);
  if (config.ManifestType === 'S3_INVENTORY') return manifestItems(store, store.text(bucket, key));
  return objectItems(store, bucket, key, config);
}

/** An Athena data manifest lists the query's result files, an s3:// URI a line: each is read as InputType. */
async function athenaDataItems(store: MemoryS3, manifest: string, config: JsonObject): Promise<JsonValue[]> {
  const items: JsonValue[] = [];
  for (const line of manifest.split(/\r?\n/).map((text) => text.trim())) {
    if (line === '') continue;
    const location = /^s3:\/\/([^/]+)\/(.+)$/.exec(line);
    if (!location) throw new Error(`the Athena manifest line ${JSON.stringify(line)} is not an s3:// URI`);
    items.push(...(await objectItems(store, location[1] as string, location[2] as string, config)));
  }
  return items;
}

/** One object's items, read as ReaderConfig.InputType says. */
async function objectItems(store: MemoryS3, bucket: string, key: string, config: JsonObject): Promise<JsonValue[]> {
  const inputType = config.InputType ?? 'JSON';
  if (inputType === 'PARQUET') return parquetItems(store.get(bucket, key).body);
  const text = store.text(bucket, key);
  if (inputType === 'JSON') return jsonItems(JSON.parse(text) as JsonValue, config, `s3://${bucket}/${key}`);
  if (inputType === 'JSONL')
    return text
      .split(/\r?\n/)
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line) as JsonValue);
  if (inputType === 'CSV') return csvItems(text, config);
  if (inputType === 'MANIFEST') return manifestItems(store, text);
  throw new Error(
    `ReaderConfig.InputType ${JSON.stringify(inputType)} is not supported (JSON, JSONL, CSV, PARQUET, MANIFEST)`,
  );
}

/**
 * A JSON file's items: the file is an array, or ReaderConfig.ItemsPointer (a JSON Pointer) selects the array inside
 * it (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html, ReaderConfig).
 */
function jsonItems(parsed: JsonValue, config: JsonObject, where: string): JsonValue[] {
  const pointer = config.ItemsPointer;
  if (pointer !== undefined && typeof pointer !== 'string')
    throw new Error('ReaderConfig.ItemsPointer must be a string');
  const items = pointer === undefined ? parsed : resolvePointer(parsed, pointer);
  if (!Array.isArray(items))
    throw new Error(
      pointer === undefined
        ? `${where} does not hold a JSON array (ReaderConfig.ItemsPointer selects one inside an object)`
        : `ItemsPointer ${JSON.stringify(pointer)} does not select a JSON array in ${where}`,
    );
  return items;
}

const DELIMITERS: Readonly<Record<string, string>> = { COMMA: ',', PIPE: '|', SEMICOLON: ';', SPACE: ' ', TAB: '\t' };

function csvItems(text: string, config: JsonObject): JsonValue[] {
  const delimiter = DELIMITERS[String(config.CSVDelimiter ?? 'COMMA')];
  if (!delimiter)
    throw new Error(
      `ReaderConfig.CSVDelimiter ${JSON.stringify(config.CSVDelimiter)} is not one of COMMA, PIPE, SEMICOLON, SPACE, TAB`,
    );
  const rows = parseCsv(text, delimiter);
  const given = config.CSVHeaderLocation === 'GIVEN';
  const headers = given ? config.CSVHeaders : rows.shift();
  if (!Array.isArray(headers) || headers.length === 0 || !headers.every((header) => typeof header === 'string'))
    throw new Error(
      given
        ? 'ReaderConfig.CSVHeaders must be a list of names when CSVHeaderLocation is GIVEN'
        : 'the CSV file has no header row',
    );
  return rows.map((row) => rowObject(headers as string[], row));
}

function rowObject(headers: readonly string[], row: readonly string[]): JsonObject {
  const item: JsonObject = {};
  headers.forEach((header, index) => {
    item[header] = row[index] ?? '';
  });
  return item;
}

/** An S3 inventory manifest.json: its `files` (CSV, gzip or not) hold rows of `fileSchema`'s columns. */
function manifestItems(store: MemoryS3, text: string): JsonValue[] {
  const manifest = JSON.parse(text) as JsonObject;
  const schema = String(manifest.fileSchema ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const bucket = String(manifest.destinationBucket ?? '').replace(/^arn:aws:s3:::/, '');
  if (schema.length === 0 || !Array.isArray(manifest.files)) throw new Error('the manifest has no fileSchema or files');
  return manifest.files.flatMap((file) => {
    const key = String((file as JsonObject).key);
    const raw = store.get(bucket, key).body;
    const body = key.endsWith('.gz') ? gunzipSync(raw).toString() : new TextDecoder().decode(raw);
    return parseCsv(body, ',').map((row) => rowObject(schema, row));
  });
}

function field(parameters: JsonObject, name: string): string {
  const value = parameters[name];
  if (typeof value !== 'string' || value === '') throw new Error(`its Parameters have no ${name}`);
  return value;
}
