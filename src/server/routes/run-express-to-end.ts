import type { WorkflowEntry } from '../catalog/index.ts';
import { parsePayload } from '../history/index.ts';
import { jsonResponse, type RouteDeps } from './route.ts';
import { EXECUTION_SUMMARY_SCHEMA, isoOrNull } from './schemas.ts';

/** RFC 7240 `Prefer: wait` (or `wait=<seconds>`), alone or in a list of preferences. */
export function prefersWait(prefer: string | undefined): boolean {
  return (prefer ?? '').split(',').some((preference) => /^\s*wait\s*(=|;|$)/i.test(preference));
}

export const SYNC_RESULT_SCHEMA = {
  type: 'object',
  required: ['execution', 'executionArn', 'status', 'links'],
  properties: {
    ...EXECUTION_SUMMARY_SCHEMA.properties,
    status: { type: 'string', enum: ['SUCCEEDED', 'FAILED', 'TIMED_OUT'] },
    input: {},
    output: {},
    error: { type: ['string', 'null'] },
    cause: { type: ['string', 'null'] },
  },
} as const;

/** An EXPRESS execution run to its end with StartSyncExecution: the whole result in the POST response. */
export async function runToEnd(deps: RouteDeps, entry: WorkflowEntry, input: unknown): Promise<Response> {
  const name = crypto.randomUUID();
  const ran = await deps.sfn.startSyncExecution({
    stateMachineArn: entry.stateMachineArn,
    name,
    input: JSON.stringify(input),
  });
  deps.logger.info('express execution ran', {
    workflow: entry.name,
    executionArn: ran.executionArn,
    status: ran.status,
  });
  return jsonResponse(
    {
      execution: ran.name ?? name,
      executionArn: ran.executionArn,
      status: ran.status,
      startedAt: isoOrNull(ran.startDate),
      stoppedAt: isoOrNull(ran.stopDate),
      input: parsePayload(ran.input),
      output: parsePayload(ran.output),
      error: ran.error ?? null,
      cause: ran.cause ?? null,
      links: {},
    },
    200,
    { 'preference-applied': 'wait' },
  );
}
