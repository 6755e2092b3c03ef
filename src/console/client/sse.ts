// Follows the server's event stream with fetch, so a dropped connection resumes with `Last-Event-ID` (the id of the
// last event received) after a short back-off; EventSource gives up for good on an error status.

export interface StreamHandlers {
  onEvent(id: number, data: unknown): void;
  onEnd(data: unknown): void;
  onError(detail: string): void;
}

interface Message {
  id?: string;
  event?: string;
  data: string;
}

function parseBlock(block: string): Message | undefined {
  const message: Message = { data: '' };
  const data: string[] = [];
  for (const line of block.split('\n')) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'data') data.push(value);
    else if (field === 'id') message.id = value;
    else if (field === 'event') message.event = value;
  }
  if (!data.length) return undefined;
  message.data = data.join('\n');
  return message;
}

const RETRY_MS = [250, 500, 1000, 2000, 4000];

/** Follows `url` until `end` or until the returned stop function is called. */
export function followStream(url: string, handlers: StreamHandlers): () => void {
  const control = new AbortController();
  let lastId: string | undefined;
  let failures = 0;
  const run = async (): Promise<void> => {
    while (!control.signal.aborted) {
      try {
        const response = await fetch(url, {
          headers: { accept: 'text/event-stream', ...(lastId ? { 'last-event-id': lastId } : {}) },
          signal: control.signal,
        });
        if (!response.ok || !response.body) {
          const problem = (await response.json().catch(() => ({}))) as { detail?: string };
          handlers.onError(problem.detail ?? `stream: HTTP ${response.status}`);
          if (response.status < 500) return;
        } else {
          const ended = await read(response.body, (message) => {
            failures = 0;
            if (message.id) lastId = message.id;
            const data = JSON.parse(message.data) as unknown;
            if (message.event === 'end') handlers.onEnd(data);
            else if (message.event === 'error')
              handlers.onError((data as { detail?: string }).detail ?? 'stream error');
            else handlers.onEvent(Number(message.id), data);
            return message.event === 'end';
          });
          if (ended) return;
        }
      } catch {
        if (control.signal.aborted) return;
      }
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]));
    }
  };
  void run();
  return () => control.abort();
}

/** Reads messages until the body ends (false) or `handle` says the stream is over (true). */
async function read(body: ReadableStream<Uint8Array>, handle: (message: Message) => boolean): Promise<boolean> {
  const decoder = new TextDecoderStream() as unknown as ReadableWritablePair<string, Uint8Array>;
  const reader = body.pipeThrough(decoder).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return false;
    buffer += value.replace(/\r\n?/g, '\n');
    let boundary = buffer.indexOf('\n\n');
    while (boundary >= 0) {
      const message = parseBlock(buffer.slice(0, boundary));
      buffer = buffer.slice(boundary + 2);
      if (message && handle(message)) {
        await reader.cancel();
        return true;
      }
      boundary = buffer.indexOf('\n\n');
    }
  }
}
