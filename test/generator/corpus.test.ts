// The analyser against LocalStack's Step Functions test definitions (../shared/asl-corpus, see its README):
// zero errors on every valid full state machine, the expected error on each invalid one.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { analyse } from '../../src/generator/analyse/index.ts';
import { corpusFiles, readCorpusFile } from '../support/corpus/corpus-files.ts';

/** README section A and B: AWS rejects these at creation (or they cannot be valid), with the code we expect. */
const INVALID: Record<string, string> = {
  'base/invalid_der.json5': 'MISSING_STATES',
  'validation/invalid_base_no_startat.json5': 'MISSING_START_AT',
  'validation/invalid_downgrade_query_language.json5': 'QUERY_LANGUAGE_DOWNGRADE',
  'credentials/invalid_credentials_field.json5': 'CREDENTIALS_ROLE_ARN',
  'credentials/empty_credentials.json5': 'CREDENTIALS_ROLE_ARN',
  'services/invalid_integration_dynamodb_query.json5': 'UNKNOWN_INTEGRATION',
  'scenarios/escape_sequences_illegal_intrinsic_function.json5': 'INVALID_INTRINSIC_FUNCTION',
  'scenarios/escape_sequences_illegal_intrinsic_function_2.json5': 'INVALID_INTRINSIC_FUNCTION',
  'scenarios/map_state_label_invalid_char_fail.json5': 'INVALID_MAP_LABEL',
  'scenarios/map_state_label_empty_fail.json5': 'INVALID_MAP_LABEL',
  'scenarios/map_state_label_too_long_fail.json5': 'INVALID_MAP_LABEL',
  'assign/task_retry_reference_exception.json5': 'INVALID_NUMBER',
  'services/lambda_list_functions.json5': 'UNKNOWN_INTEGRATION',
};

/**
 * AWS creates these, but they cannot run as written: stepforge reports them on purpose (its analyser is stricter
 * than CreateStateMachine where the failure is certain), or the upstream test fills a placeholder in first.
 */
const STRICTER_THAN_AWS: Record<string, string> = {
  // read a variable nothing assigned: the execution fails with States.QueryEvaluationError / States.Runtime
  'assign/base_undefined_arguments.json5': 'UNASSIGNED_VARIABLE',
  'assign/base_undefined_arguments_field.json5': 'UNASSIGNED_VARIABLE',
  'assign/base_undefined_assign.json5': 'UNASSIGNED_VARIABLE',
  'assign/base_undefined_output.json5': 'UNASSIGNED_VARIABLE',
  'assign/base_undefined_output_field.json5': 'UNASSIGNED_VARIABLE',
  'assign/base_undefined_output_multiple_states.json5': 'UNASSIGNED_VARIABLE',
  'statevariables/map_catch_error_output_with_retry.json5': 'UNASSIGNED_VARIABLE',
  'statevariables/parallel_catch_error_variable_sampling.json5': 'UNASSIGNED_VARIABLE',
  // .waitForTaskToken without the token: only a timeout can end the task
  'callbacks/sqs_wait_for_task_token_no_token_parameter.json5': 'TASK_TOKEN_NOT_PASSED',
  'scenarios/invalid_jsonpath_in_heartbeatsecondspath.json5': 'TASK_TOKEN_NOT_PASSED',
  // `ErrorEquals: []` is a placeholder the upstream test replaces before use
  'errorhandling/task_lambda_invoke_catch_tbd.json5': 'INVALID_ERROR_EQUALS',
  'errorhandling/task_service_lambda_invoke_catch_tbd.json5': 'INVALID_ERROR_EQUALS',
  // `%ComparisonOperatorType%` is a placeholder the upstream test replaces with each operator
  'choiceoperators/template.json5': 'UNKNOWN_FIELD',
  // `%CONTEXT_OBJECT_LITERAL_PLACEHOLDER%` stands where the upstream test puts a `$$...` path (LocalStack rejects it as is)
  'context_object/context_object_input_path.json5': 'INVALID_PATH',
  'context_object/context_object_items_path.json5': 'INVALID_PATH',
  'context_object/context_object_output_path.json5': 'INVALID_PATH',
  'context_object/context_object_variable.json5': 'INVALID_PATH',
};

describe('analyser on the ASL corpus', () => {
  const files = corpusFiles();

  it('covers the whole corpus but test_state/', () => {
    assert.ok(files.length >= 330, `only ${files.length} files`);
    for (const listed of [...Object.keys(INVALID), ...Object.keys(STRICTER_THAN_AWS)])
      assert.ok(files.includes(listed), listed);
  });

  it('reports zero errors on every valid definition', () => {
    const failures: string[] = [];
    let checked = 0;
    for (const file of files) {
      if (INVALID[file] || STRICTER_THAN_AWS[file]) continue;
      checked++;
      // asl-validator only adds warnings and compiles its schemas on every call: left out here for speed.
      const errors = analyse(readCorpusFile(file), { secondOpinion: false }).filter(
        (finding) => finding.severity === 'error',
      );
      for (const error of errors) failures.push(`${file}: ${error.code} [${error.statePath}] ${error.message}`);
    }
    assert.deepEqual(failures, []);
    assert.ok(checked >= 300, `checked ${checked}`);
  });

  it('reports the expected error on each invalid definition', () => {
    for (const [file, code] of Object.entries({ ...INVALID, ...STRICTER_THAN_AWS })) {
      const codes = analyse(readCorpusFile(file), { secondOpinion: false })
        .filter((f) => f.severity === 'error')
        .map((f) => f.code);
      assert.ok(codes.includes(code), `${file}: expected ${code}, got ${JSON.stringify(codes)}`);
    }
  });
});
