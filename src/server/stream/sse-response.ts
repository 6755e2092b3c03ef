/** An SSE message; a `comment` alone is a keep-alive line clients ignore. */
export interface SseMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  readonly comment?: string;
}

function format(message: SseMessage): string {
  if (message.data === undefined) return `: ${message.comment ?? ''}\n\n`;
  let text = '';
  if (message.id !== undefined) text += `id: ${message.id}\n`;
  if (message.event !== undefined) text += `event: ${message.event}\n`;
  for (const line of message.data.split('\n')) text += `data: ${line}\n`;
  return `${text}\n`;
}

/**
 * A `text/event-stream` response fed by `produce`. When the client goes away the stream is cancelled and `aborter`
 * fires, which stops the producer's polling; when the producer stops (done, aborted by shutdown) the stream closes;
 * a producer failure becomes an `error` event first.
 */
export function sseResponse(
  produce: (write: (message: SseMessage) => Promise<void>) => Promise<void>,
  aborter: AbortController,
  onError: (error: unknown) => void,
): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const write = async (message: SseMessage) => {
        if (!aborter.signal.aborted) controller.enqueue(encoder.encode(format(message)));
      };
      produce(write)
        .catch(async (error: unknown) => {
          onError(error);
          const detail = error instanceof Error ? error.message : String(error);
          await write({ event: 'error', data: JSON.stringify({ detail }) });
        })
        .finally(() => {
          try {
            controller.close();
          } catch {
            // Already cancelled by the client.
          }
        });
    },
    cancel() {
      aborter.abort();
    },
  });
  return new Response(body, {
    headers: { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' },
  });
}
