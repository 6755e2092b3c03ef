// The ASL corpus (../shared/asl-corpus, see its README) as the import round-trip and the import benchmark see it:
// every file, and the ones that are intentionally invalid, each with why and what the analyser must say.
import { ASL_CORPUS_DIR } from './corpus-path.ts';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import JSON5 from 'json5';
import type { JsonValue } from '../../../src/dsl/index.ts';

export const CORPUS = ASL_CORPUS_DIR;

export interface Refusal {
  /** Why the definition is invalid (the corpus README, sections A and B, or what the file shows). */
  readonly reason: string;
  /** The analyser's finding: its code, the state path it names, and a pattern its message must match. */
  readonly code: string;
  readonly statePath: string;
  readonly message: RegExp;
}

/** Definitions that must be refused by the analyser instead of round-tripped. */
export const INVALID: Readonly<Record<string, Refusal>> = {
  'base/invalid_der.json5': {
    reason: 'no States (AWS: "These fields are required: [States]")',
    code: 'MISSING_STATES',
    statePath: '',
    message: /no "States"/,
  },
  'validation/invalid_base_no_startat.json5': {
    reason: 'no StartAt (AWS: "These fields are required: [StartAt]")',
    code: 'MISSING_START_AT',
    statePath: '',
    message: /no "StartAt"/,
  },
  'validation/invalid_downgrade_query_language.json5': {
    reason: 'a state sets QueryLanguage JSONPath under a JSONata state machine',
    code: 'QUERY_LANGUAGE_DOWNGRADE',
    statePath: 'Pass',
    message: /cannot be JSONPath when the state machine sets JSONata/,
  },
  'test_state/base_invalid_state_definition.json5': {
    reason: 'Type "TypeThatDoesNotExist" (AWS: "The field \'Type\' should have one of these values")',
    code: 'UNKNOWN_STATE_TYPE',
    statePath: 'ExistingButInvalidState',
    message: /"Type" must be one of Task, Pass, Choice, Wait, Succeed, Fail, Parallel, Map/,
  },
  'credentials/invalid_credentials_field.json5': {
    reason: 'Credentials without RoleArn (AWS: "The field \'RoleArn\' is required but was missing")',
    code: 'CREDENTIALS_ROLE_ARN',
    statePath: 'State0',
    message: /Credentials needs "RoleArn"/,
  },
  'credentials/empty_credentials.json5': {
    reason: 'Credentials: {} (same AWS error as invalid_credentials_field)',
    code: 'CREDENTIALS_ROLE_ARN',
    statePath: 'State0',
    message: /Credentials needs "RoleArn"/,
  },
  'services/invalid_integration_dynamodb_query.json5': {
    reason: 'arn:aws:states:::dynamodb:query is not an optimized integration',
    code: 'UNKNOWN_INTEGRATION',
    statePath: 'Query',
    message: /"arn:aws:states:::dynamodb:query" is not an optimized integration/,
  },
  'scenarios/escape_sequences_illegal_intrinsic_function.json5': {
    reason:
      'badly escaped intrinsic function call (AWS: "must be a valid JSONPath or a valid intrinsic function call")',
    code: 'INVALID_INTRINSIC_FUNCTION',
    statePath: 'IntrinsicEscape',
    message: /Parameters\.parsed\.\$: illegal escape/,
  },
  'scenarios/escape_sequences_illegal_intrinsic_function_2.json5': {
    reason: 'badly escaped intrinsic function call, second variant',
    code: 'INVALID_INTRINSIC_FUNCTION',
    statePath: 'IntrinsicEscape',
    message: /Parameters\.parsed\.\$: illegal escape/,
  },
  'scenarios/map_state_label_invalid_char_fail.json5': {
    reason: 'Map Label with braces, which AWS does not allow',
    code: 'INVALID_MAP_LABEL',
    statePath: 'MapState',
    message: /Label "label_\{invalid_char\}" contains a character AWS does not allow/,
  },
  'scenarios/map_state_label_empty_fail.json5': {
    reason: 'Map Label ""',
    code: 'INVALID_MAP_LABEL',
    statePath: 'MapState',
    message: /Label must be a non-empty string/,
  },
  'scenarios/map_state_label_too_long_fail.json5': {
    reason: 'Map Label longer than 40 characters',
    code: 'INVALID_MAP_LABEL',
    statePath: 'MapState',
    message: /Label holds at most 40 characters, got 41/,
  },
  'test_state/base_map_state_machine_choice_fail.json5': {
    reason: 'StartAt "MapState" and the processor\'s StartAt "HandleItem" name no state (README section B)',
    code: 'START_AT_NOT_FOUND',
    statePath: '',
    message: /"StartAt" names "MapState", which is not a state of the state machine/,
  },
  'assign/task_retry_reference_exception.json5': {
    reason: 'Resource "$.FunctionName" and Retry numbers given as strings (README section B)',
    code: 'INVALID_NUMBER',
    statePath: 'Task',
    message: /Retry\[0\]\.IntervalSeconds must be a whole number/,
  },
  'services/lambda_list_functions.json5': {
    reason: 'arn:aws:states:::lambda:listFunctions is not an optimized integration (README section B)',
    code: 'UNKNOWN_INTEGRATION',
    statePath: 'Start',
    message: /"arn:aws:states:::lambda:listFunctions" is not an optimized integration/,
  },
  'errorhandling/task_lambda_invoke_catch_tbd.json5': {
    reason:
      'Catch ErrorEquals: [], a placeholder the upstream test fills in before use (ASL requires a non-empty list)',
    code: 'INVALID_ERROR_EQUALS',
    statePath: 'InvokeLambda',
    message: /Catch\[0\]\.ErrorEquals must be a non-empty list of error names/,
  },
  'errorhandling/task_service_lambda_invoke_catch_tbd.json5': {
    reason: 'Catch ErrorEquals: [], as in task_lambda_invoke_catch_tbd',
    code: 'INVALID_ERROR_EQUALS',
    statePath: 'InvokeLambda',
    message: /Catch\[0\]\.ErrorEquals must be a non-empty list of error names/,
  },
};

/** Every `.json5` file of the corpus, relative to it, sorted. */
export function corpusFiles(): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.json5')) found.push(relative(CORPUS, path));
    }
  };
  walk(CORPUS);
  return found.sort();
}

export function readCorpusText(file: string): string {
  return readFileSync(join(CORPUS, file), 'utf8');
}

export function readCorpusFile(file: string): JsonValue {
  return JSON5.parse(readCorpusText(file)) as JsonValue;
}

/** `scenarios/map_state.json5` -> `scenarios__map_state`: one flat, unique module name per corpus file. */
export function moduleNameFor(file: string): string {
  return file.replace(/\.json5$/, '').replace(/[^A-Za-z0-9_-]+/g, '__');
}
