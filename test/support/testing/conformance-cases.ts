// Which corpus definitions the differential conformance test runs, with which input. A definition runs when it is a
// whole, valid state machine whose states call no outside service; the rest are left out by rule (counted and
// printed), and the few left out by name (long Waits) are listed here with the reason. A few cases of the runner's
// own (OWN_CASES) cover what the corpus does not.
import { corpusFiles, INVALID, readCorpusFile } from '../corpus/import-corpus.ts';

type Json = ReturnType<typeof readCorpusFile>;

export interface ConformanceCase {
  readonly file: string;
  readonly definition: Json;
  readonly input: Json;
  /** Its Tasks call S3: run on LocalStack first, then in-process with LocalStack's answers replayed. */
  readonly replay?: true;
  /** Its Distributed Map's ItemReader reads ITEMS_BUCKET: seeded on LocalStack, and in-process through `s3`. */
  readonly readsItems?: true;
}

/**
 * Definitions whose Tasks call S3 only, with inputs naming the bucket the test seeds (`BUCKET`, holding
 * `data.json`): the service answers are LocalStack's on both sides (replayed in-process).
 */
export const BUCKET = '<seeded bucket>';
export const SEEDED_KEY = 'data.json';
export const S3_CASES: Readonly<Record<string, Json>> = {
  'services/aws_sdk_s3_get_object.json5': { Bucket: BUCKET, Key: SEEDED_KEY },
  'services/aws_sdk_s3_put_object.json5': { Bucket: BUCKET, Key: 'written.json', Body: { written: true } },
  'errorhandling/aws_sdk_task_error_s3_list_objects.json5': { Bucket: 'sf-no-such-bucket-conformance' },
  'errorhandling/aws_sdk_task_error_s3_no_such_key.json5': { Bucket: BUCKET },
  'scenarios/invalid_jsonpath_in_timeoutsecondspath.json5': {},
};

/**
 * The bucket the ItemReader definitions read (`ITEMS_BUCKET`, holding ITEM_OBJECTS): the test creates it on
 * LocalStack and gives the same objects to the in-process run (runWorkflow's `s3`). Nothing writes to it, so
 * listObjectsV2 sees the same keys on both sides. Three items, so that MaxItems 2 cuts; the CSV has a quoted comma.
 */
export const ITEMS_BUCKET = '<item reader bucket>';
export const ITEM_OBJECTS: Readonly<Record<string, string>> = {
  'items.json': JSON.stringify([
    { id: 1, name: 'alpha', tags: ['a'] },
    { id: 2, name: 'beta', tags: [] },
    { id: 3, name: 'gamma', tags: ['c', 'd'] },
  ]),
  'items.csv': 'id,name,note\n1,alpha,plain\n2,beta,"with, comma"\n3,gamma,last\n',
};
const JSON_ITEMS = { Bucket: ITEMS_BUCKET, Key: 'items.json' };
const CSV_ITEMS = { Bucket: ITEMS_BUCKET, Key: 'items.csv' };
export const ITEM_READER_CASES: Readonly<Record<string, Json>> = {
  'assign/map_state_reference_in_max_items_path.json5': JSON_ITEMS,
  'assign/map_state_reference_in_max_per_batch_path.json5': JSON_ITEMS,
  'scenarios/map_item_batcher_base_max_per_batch_jsonata.json5': {
    ...JSON_ITEMS,
    MaxItemsPerBatch: 2,
    MaxInputBytesPerBatch: 15_000,
  },
  'scenarios/map_item_reader_base_csv_headers_first_line.json5': CSV_ITEMS,
  'scenarios/map_item_reader_base_csv_max_items.json5': CSV_ITEMS,
  'scenarios/map_item_reader_base_csv_max_items_path.json5': { ...CSV_ITEMS, MaxItems: 2 },
  'scenarios/map_item_reader_base_json.json5': JSON_ITEMS,
  'scenarios/map_item_reader_base_json_max_items.json5': JSON_ITEMS,
  'scenarios/map_item_reader_base_json_max_items_jsonata.json5': JSON_ITEMS,
  'scenarios/map_item_reader_base_json_with_items_path.json5': JSON_ITEMS,
  'scenarios/map_item_reader_base_list_objects_v2.json5': { Bucket: ITEMS_BUCKET },
};

/**
 * Cases of the runner's own, for behaviour the corpus does not exercise and LocalStack supports: Map items that are
 * not an array (ItemsPath, JSONata Items) and a Task's Credentials (an S3 Task, replayed as S3_CASES are).
 */
const MAP_OF_PASS = { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } };
const CREDENTIALS_TASK = (roleArn: Json): Json => ({
  StartAt: 'Get',
  States: {
    Get: {
      Type: 'Task',
      Resource: 'arn:aws:states:::aws-sdk:s3:getObject',
      Parameters: { 'Bucket.$': '$.Bucket', Key: SEEDED_KEY },
      Credentials: roleArn,
      ResultSelector: { 'body.$': '$.Body' },
      End: true,
    },
  },
});
export const OWN_CASES: readonly ConformanceCase[] = [
  {
    file: 'stepforge/map_items_not_an_array.json',
    definition: { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: MAP_OF_PASS, End: true } } },
    input: { not: 'an array' },
  },
  {
    file: 'stepforge/map_items_not_an_array_jsonata.json',
    definition: {
      QueryLanguage: 'JSONata',
      StartAt: 'M',
      States: { M: { Type: 'Map', Items: '{% $states.input.name %}', ItemProcessor: MAP_OF_PASS, End: true } },
    },
    input: { name: 'x' },
  },
  {
    file: 'stepforge/task_credentials_role_arn_path.json',
    definition: CREDENTIALS_TASK({ 'RoleArn.$': '$.role' }),
    input: { Bucket: BUCKET, role: 'arn:aws:iam::000000000000:role/cross-account' },
    replay: true,
  },
  {
    file: 'stepforge/task_credentials_role_arn_intrinsic.json',
    definition: CREDENTIALS_TASK({ 'RoleArn.$': "States.Format('arn:aws:iam::{}:role/cross-account', $.account)" }),
    input: { Bucket: BUCKET, account: '000000000000' },
    replay: true,
  },
];

/** Definitions skipped by name: their Waits would cost real minutes on LocalStack. */
export const SKIPPED_FOR_TIME: Readonly<Record<string, string>> = {
  'base/wait_1_min.json5': 'a 60 s Wait (Seconds: 60 is fixed in the definition)',
  'base/wait_and_fail.json5': 'a 60 s Wait before its Fail (Seconds: 60 is fixed in the definition)',
};

/** Inputs for definitions that read their input (the upstream tests' inputs, or the smallest ones that exercise them). */
const INPUTS: Readonly<Record<string, Json>> = {
  'base/wait_seconds_path.json5': { input: { waitSeconds: 1 } },
  'base/wait_timestamp_path.json5': { TimestampValue: '2016-03-14T01:59:00Z' },
  'scenarios/wait_timestamp_path.json5': { TimestampValue: '2016-03-14T01:59:00Z' },
  'scenarios/wait_timestamp_jsonata.json5': { TimestampValue: '2016-03-14T01:59:00Z' },
  'scenarios/wait_seconds_jsonata.json5': { waitSeconds: 1 },
  'assign/base_assign_in_wait.json5': { input: { waitSeconds: 1 } },
  'assign/base_reference_in_wait.json5': { input: { waitSeconds: 1 } },
  'scenarios/map_state_nested.json5': [['a', 'b'], ['c']],
};

/** A Map that starts the machine with no ItemsPath/Items iterates the execution input itself: give it items. */
function inputFor(file: string, definition: { StartAt: string; States: Json }): Json {
  const given = INPUTS[file];
  if (given !== undefined) return given;
  const first = (definition.States as Record<string, Record<string, Json>>)[definition.StartAt];
  const iteratesInput = first?.Type === 'Map' && first.ItemsPath === undefined && first.Items === undefined;
  return iteratesInput ? ['Hello', 'World'] : {};
}

/** Tokens LocalStack's own tests replace before use (the corpus README, "Placeholders filled in at test time"). */
const PLACEHOLDER = /__tbd__|_tbd_|__tbc__|%[A-Z_]+%/i;

function hasTask(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasTask);
  if (value === null || typeof value !== 'object') return false;
  if (value.Type === 'Task') return true;
  return Object.values(value).some((inner) => hasTask(inner as Json));
}

function isStateMachine(value: Json): value is { StartAt: string; States: Json } & Record<string, Json> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && typeof value.StartAt === 'string';
}

export interface Selection {
  readonly cases: readonly ConformanceCase[];
  /** Counted out by rule: why, and how many. */
  readonly leftOut: Readonly<Record<string, number>>;
}

export function conformanceCases(): Selection {
  const cases: ConformanceCase[] = [];
  const leftOut: Record<string, number> = {};
  const leave = (why: string): void => {
    leftOut[why] = (leftOut[why] ?? 0) + 1;
  };
  for (const file of corpusFiles()) {
    const definition = readCorpusFile(file);
    if (file.startsWith('test_state/')) leave('single states for the TestState API');
    else if (INVALID[file]) leave('invalid definitions (AWS refuses them at creation)');
    else if (!isStateMachine(definition)) leave('not a state machine');
    else if (PLACEHOLDER.test(JSON.stringify(definition))) leave('templates the upstream test fills in (placeholders)');
    else if (S3_CASES[file] !== undefined) cases.push({ file, definition, input: S3_CASES[file], replay: true });
    else if (ITEM_READER_CASES[file] !== undefined)
      cases.push({ file, definition, input: ITEM_READER_CASES[file], readsItems: true });
    else if (hasTask(definition)) leave('a Task calls an outside service');
    else if (SKIPPED_FOR_TIME[file]) leave('long Waits (SKIPPED_FOR_TIME)');
    else cases.push({ file, definition, input: inputFor(file, definition) });
  }
  cases.push(...OWN_CASES);
  return { cases, leftOut };
}
