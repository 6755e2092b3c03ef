import type { Cursor } from '../http/index.ts';

export type PageFetch<T> = (request: { readonly maxResults: number; readonly nextToken?: string }) => Promise<{
  readonly items: readonly T[];
  readonly nextToken?: string;
}>;

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/**
 * One page of `limit` items starting at `cursor`. Follows the endpoint's own `nextToken` when it pages; when it
 * ignores `maxResults` and returns everything (LocalStack's GetExecutionHistory), slices by offset instead, so a
 * client gets the same pages either way.
 */
export async function fetchPage<T>(
  fetch: PageFetch<T>,
  limit: number,
  cursor: Cursor | undefined,
  encodeCursor: (next: Cursor) => Promise<string>,
): Promise<Page<T>> {
  if (cursor && 'token' in cursor) {
    const page = await fetch({ maxResults: limit, nextToken: cursor.token });
    return {
      items: page.items.slice(0, limit),
      nextCursor: page.nextToken ? await encodeCursor({ token: page.nextToken }) : null,
    };
  }
  const offset = cursor?.offset ?? 0;
  let skip = offset;
  let nextToken: string | undefined;
  for (;;) {
    const page = await fetch({ maxResults: limit, ...(nextToken ? { nextToken } : {}) });
    if (page.items.length > limit) {
      const rest = page.items.slice(skip);
      return {
        items: rest.slice(0, limit),
        nextCursor: rest.length > limit ? await encodeCursor({ offset: offset + limit }) : null,
      };
    }
    if (skip >= page.items.length && page.nextToken) {
      // An offset cursor against an endpoint that pages after all (it changed, or the cursor came from elsewhere).
      skip -= page.items.length;
      nextToken = page.nextToken;
      continue;
    }
    return {
      items: page.items.slice(skip),
      nextCursor: page.nextToken ? await encodeCursor({ token: page.nextToken }) : null,
    };
  }
}

/** Every item, following `nextToken` to the end: for the steps view and the stream, which need the whole history. */
export async function fetchAll<T>(fetch: PageFetch<T>, pageSize = 1000): Promise<T[]> {
  const all: T[] = [];
  let nextToken: string | undefined;
  do {
    const page = await fetch({ maxResults: pageSize, ...(nextToken ? { nextToken } : {}) });
    for (const item of page.items) all.push(item);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}
