/**
 * The web console in Chromium (Debian's, driven by playwright-core) against LocalStack:
 * - navigation to a drawn graph: `/ui/workflows/tour` (the showcase-like tour), a 200-state workflow, and a finished
 *   execution's page coloured to its last state; median of `--runs` fresh tabs (assets cached, as a returning user),
 *   the first of them, and `cold`: the median and worst of `--cold-runs` first visits, each in a browser with a new
 *   profile (nothing cached: no HTTP cache, no compiled script);
 * - live latency: from a history event's timestamp (LocalStack's clock, the same machine) to the colour change it
 *   causes on the page (a MutationObserver on `data-status`), through the SSE stream with the server's production
 *   polling (250 ms after new events, backing off to 2 s); p50 and p95 over every state entered and exited;
 * - bytes: what a first visit transfers gzipped (HTML shell, script, style) and each library's share.
 *
 *   node --import tsx bench/console.ts [--runs 11] [--cold-runs 5] [--executions 3] [--big-map 5000]
 *
 * Prints each figure, its target and the ratio figure/target (below 1 meets it). No absolute figure is asserted.
 */
import { gzipSync } from 'node:zlib';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { build } from 'esbuild';
import { buildConsoleAssets } from '../src/console/build.ts';
import { ensureConsoleAssets } from '../test/support/console/assets.ts';
import { type ConsoleBrowser, launchBrowser } from '../test/support/console/browser.ts';
import { chainDefinition, MANY, manyItems, TOUR, TOUR_SCHEMA } from '../test/support/console/definitions.ts';
import { deployConsoleWorkflows } from '../test/support/console/deploy.ts';
import { localstackAppOptions, sfnClient, waitForEnd } from '../test/support/server/localstack-fixture.ts';
import { median, numberOption, useLocalStackDefaults } from './support.ts';

const RUNS = numberOption('runs', 11);
const COLD_RUNS = numberOption('cold-runs', 5);
const EXECUTIONS = numberOption('executions', 3);
/** Map iterations of the big execution (5 history events each: 5,000 iterations make about 25,000 events). */
const BIG_MAP = numberOption('big-map', 5000);
const TARGET = { firstGraphMs: 1000, liveP50Ms: 500, gzipBytes: 250 * 1024 } as const;

useLocalStackDefaults();
await ensureConsoleAssets();
const { startConsoleServer } = await import('../test/support/console/server.ts');

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Minified bytes each part adds to the script (esbuild's metafile) and gzip: the whole, dagre alone, the rest. */
async function bytesPerLibrary(): Promise<Record<string, { minified: number; gzip: number }>> {
  const built = await buildConsoleAssets();
  const output = Object.values(built.metafile.outputs)[0]!;
  const groups: Record<string, number> = {};
  for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
    const library =
      /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ??
      (path.includes('src/server/')
        ? 'stepforge foldSteps (src/server/history)'
        : 'stepforge console (src/console/client)');
    groups[library] = (groups[library] ?? 0) + bytesInOutput;
  }
  // dagre bundled alone for its gzip size; the console's own code is what the whole adds beyond it.
  const alone = await build({
    stdin: { contents: "export { graphlib, layout } from '@dagrejs/dagre';", resolveDir: process.cwd(), loader: 'ts' },
    bundle: true,
    minify: true,
    write: false,
    format: 'esm',
    logLevel: 'silent',
  });
  const dagreGzip = gzipSync(alone.outputFiles[0]!.contents).length;
  const wholeGzip = gzipSync(built.js).length;
  const ours = Object.entries(groups).filter(([name]) => name.startsWith('stepforge'));
  return {
    '@dagrejs/dagre (graphlib inside)': { minified: groups['@dagrejs/dagre'] ?? 0, gzip: dagreGzip },
    'stepforge (console + foldSteps)': {
      minified: ours.reduce((sum, [, bytes]) => sum + bytes, 0),
      gzip: wholeGzip - dagreGzip,
    },
    ...Object.fromEntries(ours.map(([name, minified]) => [name, { minified, gzip: Number.NaN }])),
    'script (all of it)': { minified: built.js.length, gzip: wholeGzip },
    style: { minified: built.css.length, gzip: gzipSync(built.css).length },
  };
}

const deployment = await deployConsoleWorkflows([
  { name: 'tour', definition: TOUR, schema: TOUR_SCHEMA },
  { name: 'chain', definition: chainDefinition(200) },
  { name: 'many', definition: MANY },
]);
const server = await startConsoleServer(
  localstackAppOptions(deployment.files, { streamPollMs: { initial: 250, max: 2000 } }),
);
const browser = await launchBrowser();
try {
  const start = async (input: unknown) => {
    const response = await fetch(`${server.url}/workflows/tour/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { execution: string; executionArn: string };
  };
  const input = (pause: number) => ({ orderId: 'b', priority: 'standard', items: [{ sku: 'a', quantity: 1 }], pause });

  // A first visit: the shell, the script and the style, each gzipped as the server's compress middleware does.
  const html = await (await fetch(`${server.url}/ui/workflows`)).text();
  let transferred = gzipSync(html).length;
  for (const asset of html.matchAll(/(?:src|href)="(\/ui\/assets\/[^"]+)"/g)) {
    transferred += gzipSync(Buffer.from(await (await fetch(`${server.url}${asset[1]}`)).arrayBuffer())).length;
  }

  const finished = await start(input(0));
  await waitForEnd(finished.executionArn);
  /** Milliseconds from navigation (the response committed) to `selector` drawn, in a new tab of `on`. */
  const drawTime = async (on: ConsoleBrowser, path: string, selector: string): Promise<number> => {
    const { page } = await on.open();
    const begin = performance.now();
    await page.goto(`${server.url}${path}`, { waitUntil: 'commit' });
    await page.waitForSelector(selector, { timeout: 30_000 });
    const elapsed = performance.now() - begin;
    await page.close();
    return elapsed;
  };
  const navigation = async (
    path: string,
    selector: string,
  ): Promise<{ first: number; median: number; cold: { median: number; max: number } }> => {
    const times: number[] = [];
    for (let run = 0; run < RUNS; run += 1) times.push(await drawTime(browser, path, selector));
    // Cold: a first visit in a browser that has never seen the console (each run a new profile).
    const cold: number[] = [];
    for (let run = 0; run < COLD_RUNS; run += 1) {
      const fresh = await launchBrowser();
      try {
        cold.push(await drawTime(fresh, path, selector));
      } finally {
        await fresh.close();
      }
    }
    return {
      first: round(times[0]!),
      median: round(median(times.slice(1))),
      cold: { median: round(median(cold)), max: round(Math.max(...cold)) },
    };
  };
  const graphs = {
    tour: await navigation('/ui/workflows/tour', '[data-state="Done"]'),
    chain200: await navigation('/ui/workflows/chain', '[data-state="Step199"]'),
    executionColoured: await navigation(
      `/ui/workflows/tour/executions/${finished.execution}`,
      '[data-state="Done"][data-status="succeeded"]',
    ),
  };

  // Live: colour changes against the events that caused them.
  const latencies: number[] = [];
  for (let run = 0; run < EXECUTIONS; run += 1) {
    const { execution, executionArn } = await start(input(1));
    const { page } = await browser.open();
    await page.goto(`${server.url}/ui/workflows/tour/executions/${execution}`);
    await page.waitForSelector('[data-state]');
    await page.evaluate(() => {
      const seen: { state: string; status: string; at: number }[] = [];
      Object.assign(window, { colourChanges: seen });
      new MutationObserver((records) => {
        const at = performance.timeOrigin + performance.now();
        for (const record of records) {
          const element = record.target as Element;
          seen.push({
            state: element.getAttribute('data-state') ?? '',
            status: element.getAttribute('data-status') ?? '',
            at,
          });
        }
      }).observe(document.body, { attributes: true, attributeFilter: ['data-status'], subtree: true });
    });
    await waitForEnd(executionArn);
    await page.waitForSelector('[data-execution-status="SUCCEEDED"]');
    await page.waitForSelector('[data-state="Done"][data-status="succeeded"]');
    const changes = await page.evaluate(
      () => (window as unknown as { colourChanges: { state: string; status: string; at: number }[] }).colourChanges,
    );
    const history = await sfnClient.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    for (const event of history.events ?? []) {
      const entered = event.stateEnteredEventDetails?.name;
      const exited = event.stateExitedEventDetails?.name;
      const state = entered ?? exited;
      if (!state || !event.timestamp || state === 'DescribeLine') continue;
      const wanted = entered ? ['running'] : ['succeeded', 'caught'];
      const change = changes.find((c) => c.state === state && wanted.includes(c.status));
      // A state that ran and ended between two polls goes straight to succeeded: its `running` shows as that change.
      const fallback = entered ? changes.find((c) => c.state === state) : undefined;
      const seen = change ?? fallback;
      if (seen) latencies.push(seen.at - event.timestamp.getTime());
    }
    await page.close();
  }
  // A big finished execution: from navigation to its Map's counts drawn, and how many events that was.
  let bigExecution: { iterations: number; events: number; countsDrawnMs: number } | undefined;
  if (BIG_MAP > 0) {
    const response = await fetch(`${server.url}/workflows/many/executions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(manyItems(BIG_MAP, 0)),
    });
    const { execution, executionArn } = (await response.json()) as { execution: string; executionArn: string };
    await waitForEnd(executionArn);
    let events = 0;
    let nextToken: string | undefined;
    do {
      const page = await sfnClient.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
      events += page.events?.length ?? 0;
      nextToken = page.nextToken;
    } while (nextToken);
    const { page } = await browser.open();
    const begin = performance.now();
    await page.goto(`${server.url}/ui/workflows/many/executions/${execution}`, { waitUntil: 'commit' });
    const expected = `${new Intl.NumberFormat('en-US').format(BIG_MAP)} iterations`;
    await page.waitForFunction(
      (text) => document.querySelector('[data-state="Each"] > .state-counts')?.textContent?.startsWith(text),
      expected,
      { timeout: 300_000 },
    );
    bigExecution = { iterations: BIG_MAP, events, countsDrawnMs: round(performance.now() - begin) };
    await page.close();
  }
  const bytes = await bytesPerLibrary();
  const p50 = percentile(latencies, 50);
  const p95 = percentile(latencies, 95);
  console.log(
    JSON.stringify(
      {
        runs: RUNS,
        firstGraphMs: { ...graphs, target: TARGET.firstGraphMs },
        firstGraphRatio: {
          tour: round(graphs.tour.median / TARGET.firstGraphMs),
          chain200: round(graphs.chain200.median / TARGET.firstGraphMs),
          executionColoured: round(graphs.executionColoured.median / TARGET.firstGraphMs),
          chain200Cold: round(graphs.chain200.cold.median / TARGET.firstGraphMs),
        },
        liveLatencyMs: {
          samples: latencies.length,
          p50: round(p50),
          p95: round(p95),
          target: `p50 < ${TARGET.liveP50Ms}`,
        },
        liveP50Ratio: round(p50 / TARGET.liveP50Ms),
        bigExecution,
        transferredGzipBytes: transferred,
        transferredRatio: Math.round((transferred / TARGET.gzipBytes) * 100) / 100,
        bytes,
        meetsTargets:
          graphs.tour.median < TARGET.firstGraphMs &&
          graphs.chain200.median < TARGET.firstGraphMs &&
          graphs.tour.cold.median < TARGET.firstGraphMs &&
          graphs.chain200.cold.median < TARGET.firstGraphMs &&
          p50 < TARGET.liveP50Ms &&
          transferred < TARGET.gzipBytes,
      },
      null,
      2,
    ),
  );
} finally {
  await browser.close();
  await server.close();
  await deployment.remove();
}
