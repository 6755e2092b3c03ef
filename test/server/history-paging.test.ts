// History pagination: the same pages whether the endpoint pages (AWS) or returns everything at once (LocalStack),
// and a 25,000-event history served in bounded pages.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createApp, systemClock } from '../../src/server/index.ts';
import { followHistory } from '../../src/server/stream/index.ts';
import { fakeAppOptions, fakeHistoryEndpoint, passHistory } from '../support/server/fake-history-endpoint.ts';

interface EventsPage {
  events: { id: number }[];
  nextCursor: string | null;
}

async function allPages(
  app: ReturnType<typeof createApp>,
  query: string,
): Promise<{ pages: number[][]; largestBody: number }> {
  const pages: number[][] = [];
  let largestBody = 0;
  let cursor: string | null = null;
  do {
    const url: string = `/workflows/big/executions/run/history?view=events&${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const response = await app.request(url);
    assert.equal(response.status, 200);
    const text = await response.text();
    largestBody = Math.max(largestBody, text.length);
    const page = JSON.parse(text) as EventsPage;
    pages.push(page.events.map((event) => event.id));
    cursor = page.nextCursor;
  } while (cursor);
  return { pages, largestBody };
}

describe('history paging', () => {
  for (const query of ['limit=7', 'limit=7&reverse=true', 'limit=1000']) {
    test(`same pages from a paging and a non-paging endpoint (${query})`, async () => {
      const events = passHistory(50);
      const paging = await allPages(createApp(fakeAppOptions(fakeHistoryEndpoint(events, true).port)), query);
      const ignoring = await allPages(createApp(fakeAppOptions(fakeHistoryEndpoint(events, false).port)), query);
      assert.deepEqual(ignoring.pages, paging.pages);
      const ids = paging.pages.flat();
      assert.equal(ids.length, 50);
      assert.deepEqual(ids, query.includes('reverse') ? events.map((e) => e.id!).reverse() : events.map((e) => e.id!));
    });
  }

  test('follows the endpoint nextToken: one call per page, maxResults = limit', async () => {
    const endpoint = fakeHistoryEndpoint(passHistory(30), true);
    const { pages } = await allPages(createApp(fakeAppOptions(endpoint.port)), 'limit=10');
    assert.equal(pages.length, 3);
    assert.deepEqual(
      endpoint.calls.map((call) => [call.maxResults, call.nextToken ?? null]),
      [
        [10, null],
        [10, 'token-10'],
        [10, 'token-20'],
      ],
    );
  });

  test('25,000 events are served as pages of at most 1000, never as one response', async () => {
    for (const honoursPaging of [true, false]) {
      const app = createApp(fakeAppOptions(fakeHistoryEndpoint(passHistory(25_000), honoursPaging).port));
      const { pages, largestBody } = await allPages(app, 'limit=1000');
      assert.equal(pages.length, 25);
      assert.equal(pages.flat().length, 25_000);
      assert.equal(new Set(pages.flat()).size, 25_000);
      assert.ok(largestBody < 300_000, `a page stays small (${largestBody} bytes)`);
      const unlimited = (await (
        await app.request('/workflows/big/executions/run/history?view=events')
      ).json()) as EventsPage;
      assert.equal(unlimited.events.length, 100, 'no limit means the default page size, not everything');
    }
  });

  test('the steps view of 25,000 events is paged too', async () => {
    const app = createApp(fakeAppOptions(fakeHistoryEndpoint(passHistory(25_000), false).port));
    const first = (await (await app.request('/workflows/big/executions/run/history')).json()) as {
      steps: unknown[];
      nextCursor: string;
    };
    assert.equal(first.steps.length, 1000);
    const second = (await (
      await app.request(`/workflows/big/executions/run/history?cursor=${first.nextCursor}`)
    ).json()) as {
      steps: { name: string }[];
    };
    assert.equal(second.steps[0]!.name, `S${2 + 2 * 1000}`);
  });
});

describe('following a long history (the SSE stream underneath)', () => {
  const follow = async (honoursPaging: boolean, afterEventId: number) => {
    const endpoint = fakeHistoryEndpoint(passHistory(25_000), honoursPaging);
    const items = [];
    for await (const item of followHistory({
      sfn: endpoint.port,
      executionArn: 'arn:aws:states:us-east-1:000000000000:execution:big:run',
      clock: systemClock,
      afterEventId,
      pollMs: { initial: 1, max: 1 },
      signal: new AbortController().signal,
    }))
      items.push(item);
    return { items, calls: endpoint.calls };
  };

  test('a resume near the end reads one small page, newest first, not the whole history', async () => {
    const { items, calls } = await follow(true, 24_990);
    assert.deepEqual(
      items.map((item) => (item.kind === 'event' ? item.event.id : item.kind)),
      [24_991, 24_992, 24_993, 24_994, 24_995, 24_996, 24_997, 24_998, 24_999, 25_000, 'end'],
    );
    assert.deepEqual(
      calls.map((call) => [call.reverseOrder, call.maxResults]),
      [[true, 100]],
    );
  });

  test('from the start it yields all 25,000 events in order, then end with the status, on either endpoint', async () => {
    for (const honoursPaging of [true, false]) {
      const { items } = await follow(honoursPaging, 0);
      const ids = items.flatMap((item) => (item.kind === 'event' ? [item.event.id] : []));
      assert.equal(ids.length, 25_000);
      assert.ok(ids.every((id, index) => id === index + 1));
      assert.deepEqual(items.at(-1), { kind: 'end', status: 'SUCCEEDED' });
    }
  });

  test('resuming after the last event sends only end', async () => {
    const { items } = await follow(false, 25_000);
    assert.deepEqual(items, [{ kind: 'end', status: 'SUCCEEDED' }]);
  });
});
