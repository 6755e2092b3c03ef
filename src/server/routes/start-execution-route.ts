import type { WorkflowEntry } from '../catalog/index.ts';
import { HttpProblem, MAX_JSON_DEPTH } from '../http/index.ts';
import {
  DeadlineExceeded,
  deadlineProblem,
  EXECUTION_NAME_PATTERN,
  executionArnFor,
  type SfnPort,
  sfnErrorName,
} from '../sfn/index.ts';
import { executionInputIssues } from '../validation/index.ts';
import { canonicalJson, sameJson } from '../../contracts/index.ts';
import { requireWorkflow } from './lookup.ts';
import { prefersWait, runToEnd, SYNC_RESULT_SCHEMA } from './run-express-to-end.ts';
import { defineRoute, jsonBody, jsonResponse, parameter, type RouteDeps } from './route.ts';
import type { Started } from './starts-in-flight.ts';
import { EXECUTION_SUMMARY_SCHEMA, executionLinks, isoOrNull, WORKFLOW_PARAM } from './schemas.ts';

// An EXPRESS execution's ARN (`...:express:<machine>:<name>:<id>`): Step Functions keeps no record to link to.
const EXPRESS_ARN = /^arn:[^:]+:states:[^:]*:[^:]*:express:/;

/** The execution already named `name`, if any: a retried POST finds it here instead of starting another. */
async function existing(
  sfn: SfnPort,
  entry: WorkflowEntry,
  name: string,
  input: unknown,
): Promise<Started | undefined> {
  const executionArn = executionArnFor(entry.stateMachineArn, name);
  try {
    const found = await sfn.describeExecution({ executionArn });
    if (!sameJson(found.input, input)) throw keyConflict(name, executionArn);
    return {
      executionArn,
      name,
      status: found.status ?? 'RUNNING',
      startedAt: isoOrNull(found.startDate),
      created: false,
    };
  } catch (error) {
    if (sfnErrorName(error) === 'ExecutionDoesNotExist') return undefined;
    throw error;
  }
}

function keyConflict(name: string, executionArn: string): HttpProblem {
  return new HttpProblem(
    409,
    'Conflict',
    `Idempotency-Key header: "${name}" already started an execution with a different body`,
    {
      executionArn,
    },
  );
}

async function start(
  sfn: SfnPort,
  entry: WorkflowEntry,
  name: string,
  input: unknown,
  keyed: boolean,
): Promise<Started> {
  if (keyed) {
    const found = await existing(sfn, entry, name, input);
    if (found) return found;
  }
  try {
    const started = await sfn.startExecution({
      stateMachineArn: entry.stateMachineArn,
      name,
      input: JSON.stringify(input),
    });
    return {
      executionArn: started.executionArn!,
      name,
      status: 'RUNNING',
      startedAt: isoOrNull(started.startDate),
      created: true,
    };
  } catch (error) {
    // A retry racing past the lookup (another process, or a start that hung and landed late): it finds that execution.
    if (keyed && sfnErrorName(error) === 'ExecutionAlreadyExists') {
      const found = await existing(sfn, entry, name, input);
      if (found) return found;
    }
    throw error;
  }
}

/** Starts the execution named `key` (a random name without one), joining a start of the same key under way here. */
async function startOnce(
  deps: RouteDeps,
  entry: WorkflowEntry,
  key: string | undefined,
  input: unknown,
): Promise<Started> {
  const name = key ?? crypto.randomUUID();
  try {
    if (key === undefined) return await start(deps.sfn, entry, name, input, false);
    const executionArn = executionArnFor(entry.stateMachineArn, name);
    const outcome = await deps.startsInFlight.run(executionArn, canonicalJson(input), () =>
      start(deps.sfn, entry, name, input, true),
    );
    if ('conflict' in outcome) throw keyConflict(name, executionArn);
    return outcome;
  } catch (error) {
    throw error instanceof DeadlineExceeded ? startTimedOut(error, entry, name) : error;
  }
}

/**
 * A start that ran out of time may still land: Step Functions can hold the request and act on it later. The 504 names
 * the execution, so the client can retry with it as the Idempotency-Key: the retry finds the execution if it landed
 * and starts it otherwise, and as the name is the execution's, there is never a second one.
 */
function startTimedOut(error: DeadlineExceeded, entry: WorkflowEntry, name: string): HttpProblem {
  return deadlineProblem(
    error,
    `; the execution "${name}" may still start: POST the same body again with the header Idempotency-Key: ${name} to get it without starting another`,
    { execution: name, executionArn: executionArnFor(entry.stateMachineArn, name), idempotencyKey: name },
  );
}

export const startExecutionRoute = defineRoute({
  operationId: 'startExecution',
  method: 'post',
  path: '/workflows/{workflow}/executions',
  summary: 'start an execution; the body is its input, validated against the workflow input schema',
  mutating: true,
  params: { workflow: WORKFLOW_PARAM },
  headers: {
    'Idempotency-Key': parameter<string | undefined>({
      description:
        'becomes the execution name: a retry with the same key and body returns the same execution (200) and starts nothing, also while the first is still under way; refused (400) for EXPRESS workflows, whose executions Step Functions cannot look up',
      schema: { type: 'string', pattern: EXECUTION_NAME_PATTERN },
    }),
    Prefer: parameter<string | undefined>({
      description:
        'wait (RFC 7240): for an EXPRESS workflow, run the execution to its end (StartSyncExecution, at most 5 minutes) and answer 200 with its status, output, error and cause, with Preference-Applied: wait; ignored for STANDARD workflows',
      schema: { type: 'string', maxLength: 256 },
    }),
  },
  body: jsonBody<unknown>({
    description: `the execution input (application/json, UTF-8, nested at most ${MAX_JSON_DEPTH} levels); checked against the workflow's input schema (GET /workflows/{workflow})`,
    schema: true,
    required: false,
  }),
  responses: {
    201: {
      description:
        'started; for an EXPRESS workflow, links is empty and there is no Location (Step Functions keeps no record to read)',
      schema: EXECUTION_SUMMARY_SCHEMA,
    },
    200: {
      description:
        'the Idempotency-Key had already started this execution (a summary as for 201), or, with Prefer: wait on an EXPRESS workflow, the finished execution with its output, error and cause',
      schema: { oneOf: [EXECUTION_SUMMARY_SCHEMA, SYNC_RESULT_SCHEMA] },
    },
    400: {
      description: `malformed JSON, a body that is not UTF-8 or nests deeper than ${MAX_JSON_DEPTH} levels, input not matching the schema, a bad Idempotency-Key, or one sent to an EXPRESS workflow`,
    },
    401: { description: 'STEPFORGE_API_TOKEN is set and no bearer token was sent' },
    403: { description: 'wrong bearer token, or a request from another origin' },
    404: { description: 'no such workflow deployed' },
    409: { description: 'the Idempotency-Key was used with a different body' },
    413: { description: 'body larger than 256 KiB' },
    415: { description: 'a body sent as anything but application/json' },
    504: {
      description:
        'Step Functions did not answer in time; for StartExecution the problem names the execution (execution, idempotencyKey): POST again with Idempotency-Key set to it and the same body, and at most one execution exists',
    },
  },
  async handle({ deps, params, headers, body }) {
    const entry = await requireWorkflow(deps, params.workflow);
    const input = body === undefined ? {} : body;
    const { inputSchema } = await deps.catalog.details(entry);
    const issues = executionInputIssues(inputSchema, input);
    if (issues.length > 0) {
      throw new HttpProblem(400, 'Bad Request', `${issues[0]!.path}: ${issues[0]!.message}`, { errors: issues });
    }
    const key = headers['Idempotency-Key'];
    const wait = prefersWait(headers.Prefer);
    // Only these two depend on the type; a plain POST needs no lookup (the ARN it gets back tells an EXPRESS one).
    if ((key !== undefined || wait) && (await deps.workflowType(entry.stateMachineArn)) === 'EXPRESS') {
      if (key !== undefined) {
        throw new HttpProblem(
          400,
          'Bad Request',
          `Idempotency-Key header: "${entry.name}" is an EXPRESS workflow; Step Functions keeps no record of its executions, so a retry cannot be recognised (send the POST without the header)`,
          { workflowType: 'EXPRESS' },
        );
      }
      return runToEnd(deps, entry, input);
    }
    const started = await startOnce(deps, entry, key, input);
    deps.logger.info(started.created ? 'execution started' : 'execution found by idempotency key', {
      workflow: entry.name,
      executionArn: started.executionArn,
    });
    const express = EXPRESS_ARN.test(started.executionArn);
    const links = executionLinks(entry.name, started.name);
    return jsonResponse(
      {
        execution: started.name,
        executionArn: started.executionArn,
        status: started.status,
        startedAt: started.startedAt,
        links: express ? {} : links,
      },
      started.created ? 201 : 200,
      express ? {} : { location: links.self! },
    );
  },
});
