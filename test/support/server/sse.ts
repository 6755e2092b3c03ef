export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

/** Reads a text/event-stream body to its end (or until `stopAfter` says so) into messages; comments are skipped. */
export async function readSse(
  body: ReadableStream<Uint8Array>,
  stopAfter?: (seen: SseEvent[]) => boolean,
): Promise<SseEvent[]> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const seen: SseEvent[] = [];
  let buffer = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const message: SseEvent = { data: '' };
      const data: string[] = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue;
        const [field, ...rest] = line.split(': ');
        const value = rest.join(': ');
        if (field === 'id') message.id = value;
        else if (field === 'event') message.event = value;
        else if (field === 'data') data.push(value);
      }
      if (data.length === 0) continue;
      message.data = data.join('\n');
      seen.push(message);
      if (stopAfter?.(seen)) {
        await reader.cancel();
        return seen;
      }
    }
  }
  return seen;
}
