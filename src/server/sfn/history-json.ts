import {
  GetExecutionHistoryCommand,
  type GetExecutionHistoryCommandInput,
  type GetExecutionHistoryCommandOutput,
  type SFNClient,
} from '@aws-sdk/client-sfn';
// Types only (erased at run time): @smithy/types comes with every AWS SDK client.
import type { DeserializeMiddleware } from '@smithy/types';
import { isoTimestampFormatter } from './iso-timestamp.ts';

/** A history event as the HTTP API serves it: Step Functions' own JSON shape, with the timestamp as an ISO string. */
export interface HistoryEventJson {
  readonly id: number;
  readonly previousEventId?: number;
  readonly timestamp: string;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface HistoryPage {
  readonly events: readonly HistoryEventJson[];
  readonly nextToken?: string;
}

// What the SDK's own deserializer is left to parse once the real body has been taken: an empty output.
const EMPTY_OUTPUT = new TextEncoder().encode('{}');

/** Step Functions' JSON protocol sends epoch seconds (with a fraction); the SDK rounds them to milliseconds the same way. */
function epochSeconds(wire: unknown): number | undefined {
  return typeof wire === 'number'
    ? wire
    : typeof wire === 'string' && /^\d+(\.\d+)?$/.test(wire)
      ? Number(wire)
      : undefined;
}

/** A GetExecutionHistory response body as a page of JSON events. Exported for the unit test of the wire format. */
export function historyPageFromWire(body: string): HistoryPage {
  const parsed = JSON.parse(body) as { events?: Record<string, unknown>[]; nextToken?: string | null };
  const events = parsed.events ?? [];
  const iso = isoTimestampFormatter();
  for (const event of events) {
    const seconds = epochSeconds(event.timestamp);
    if (seconds !== undefined) event.timestamp = iso(Math.round(seconds * 1000));
  }
  return {
    events: events as unknown as HistoryEventJson[],
    ...(parsed.nextToken ? { nextToken: parsed.nextToken } : {}),
  };
}

/**
 * GetExecutionHistory through the SDK client (endpoint, signing, retries and error parsing unchanged), but with the
 * successful body parsed once as plain JSON. The SDK's deserializer would turn every field into a fresh object and
 * every timestamp into a Date, which the route then turns back into JSON: on an 800-event page that round trip cost
 * more than the whole server adds otherwise (bench/server-history.ts).
 */
export async function getExecutionHistoryJson(
  client: SFNClient,
  input: GetExecutionHistoryCommandInput,
  options: { readonly abortSignal?: AbortSignal } = {},
): Promise<HistoryPage> {
  const command = new GetExecutionHistoryCommand(input);
  let body: string | undefined;
  const takeBody: DeserializeMiddleware<GetExecutionHistoryCommandInput, GetExecutionHistoryCommandOutput> =
    (next) => async (args) => {
      const result = await next(args);
      const response = result.response as { statusCode?: number; body?: unknown };
      // Error responses stay with the SDK, so they keep its named errors (ExecutionDoesNotExist, ...).
      if (typeof response.statusCode === 'number' && response.statusCode < 300) {
        body = new TextDecoder().decode(await client.config.streamCollector(response.body));
        response.body = EMPTY_OUTPUT;
      }
      return result;
    };
  command.middlewareStack.addRelativeTo(takeBody, {
    relation: 'after',
    toMiddleware: 'deserializerMiddleware',
    name: 'stepforgeHistoryAsJson',
  });
  await client.send(command, options);
  if (body === undefined) throw new Error('GetExecutionHistory: the response had no body');
  return historyPageFromWire(body);
}
