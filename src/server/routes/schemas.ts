import type { ExecutionStatus } from '@aws-sdk/client-sfn';
import { EXECUTION_NAME_PATTERN } from '../sfn/index.ts';
import { type ParameterSpec, parameter } from './route.ts';

/** Parameter and response schemas shared by several rows of the route table. */
export const WORKFLOW_PARAM = parameter<string>({
  description: 'the workflow name, as in build/deployment.json',
  schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,80}$' },
});

export const EXECUTION_PARAM = parameter<string>({
  description: 'the execution name (or its full, URL-encoded ARN)',
  schema: { type: 'string', minLength: 1, maxLength: 2048 },
});

/** `limit`: with a fallback the handler always gets a number, without one it may get undefined. */
export function LIMIT_QUERY(fallback: number, description: string): ParameterSpec<number>;
export function LIMIT_QUERY(fallback: undefined, description: string): ParameterSpec<number | undefined>;
export function LIMIT_QUERY(fallback: number | undefined, description: string): ParameterSpec<number | undefined> {
  return {
    description,
    schema: { type: 'integer', minimum: 1, maximum: 1000, ...(fallback === undefined ? {} : { default: fallback }) },
  };
}

export const CURSOR_QUERY = parameter<string | undefined>({
  description: 'the nextCursor of the previous page, unchanged (it is signed: only this server issues cursors)',
  schema: { type: 'string', maxLength: 4096 },
});

export const EXECUTION_STATUSES: ExecutionStatus[] = [
  'RUNNING',
  'SUCCEEDED',
  'FAILED',
  'TIMED_OUT',
  'ABORTED',
  'PENDING_REDRIVE',
];

export const LINKS_SCHEMA = {
  type: 'object',
  properties: {
    self: { type: 'string' },
    history: { type: 'string' },
    stream: { type: 'string' },
    stop: { type: 'string' },
  },
} as const;

export const EXECUTION_SUMMARY_SCHEMA = {
  type: 'object',
  required: ['execution', 'executionArn', 'status', 'links'],
  properties: {
    execution: { type: 'string', pattern: EXECUTION_NAME_PATTERN },
    executionArn: { type: 'string' },
    status: { type: 'string', enum: EXECUTION_STATUSES },
    startedAt: { type: ['string', 'null'], format: 'date-time' },
    stoppedAt: { type: ['string', 'null'], format: 'date-time' },
    links: LINKS_SCHEMA,
  },
} as const;

/** Links a client follows from any execution representation. */
export function executionLinks(workflow: string, execution: string): Record<string, string> {
  const self = `/workflows/${encodeURIComponent(workflow)}/executions/${encodeURIComponent(execution)}`;
  return { self, history: `${self}/history`, stream: `${self}/stream`, stop: `${self}/stop` };
}

export function isoOrNull(date: Date | undefined): string | null {
  return date ? date.toISOString() : null;
}
