// The web console in a real browser (Debian's Chromium driven by playwright-core) against LocalStack: every page
// renders without a console error, the form starts executions and shows field errors, the graph colours live from
// the stream (and resumes after a dropped connection), Catch and Map counts, Stop, the token prompt, two viewports.
// Writes each page's screenshot to docs/screenshots/.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { ensureConsoleAssets } from '../support/console/assets.ts';
import { type ConsoleBrowser, launchBrowser } from '../support/console/browser.ts';
import {
  chainDefinition,
  MANY,
  manyItems,
  QUICK,
  showcaseDefinition,
  TOUR,
  TOUR_SCHEMA,
} from '../support/console/definitions.ts';
import { type ConsoleDeployment, deployConsoleWorkflows } from '../support/console/deploy.ts';
import { GetExecutionHistoryCommand } from '@aws-sdk/client-sfn';
import { localstackAppOptions, sfnClient, waitForEnd } from '../support/server/localstack-fixture.ts';

// Before the app is imported: it serves the generated module as it is when first loaded.
await ensureConsoleAssets();
const { startConsoleServer } = await import('../support/console/server.ts');
type RunningConsole = Awaited<ReturnType<typeof startConsoleServer>>;

const SCREENSHOTS = new URL('../../docs/screenshots/', import.meta.url).pathname;
const TOKEN = 'console-test-token';
const LIVE_MS = 60_000;

let deployment: ConsoleDeployment;
let server: RunningConsole;
let guarded: RunningConsole;
let browser: ConsoleBrowser;

async function start(workflow: string, input: unknown): Promise<{ execution: string; executionArn: string }> {
  const response = await fetch(`${server.url}/workflows/${workflow}/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  assert.equal(response.status, 201);
  return (await response.json()) as { execution: string; executionArn: string };
}

const showcaseInput = (priority: 'express' | 'standard') => ({
  orderId: `o-${Date.now()}`,
  priority,
  items: [
    { sku: 'A-1', quantity: 2 },
    { sku: 'B-2', quantity: 1 },
  ],
});

const tourInput = (pause: number, priority = 'standard') => ({
  orderId: 'o-1',
  priority,
  items: [
    { sku: 'A-1', quantity: 2 },
    { sku: 'B-2', quantity: 1 },
  ],
  pause,
});

async function statusOf(page: Page, state: string): Promise<string | null> {
  return page.locator(`[data-state="${state}"]`).first().getAttribute('data-status');
}

async function waitForStatus(page: Page, state: string, status: string): Promise<void> {
  await page.waitForSelector(`[data-state="${state}"][data-status="${status}"]`, { timeout: LIVE_MS });
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}

async function ready(page: Page): Promise<void> {
  await page.waitForSelector('main:not([aria-busy]) h1', { timeout: 15_000 });
}

before(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true });
  deployment = await deployConsoleWorkflows([
    { name: 'showcase', definition: showcaseDefinition() },
    { name: 'tour', definition: TOUR, schema: TOUR_SCHEMA },
    { name: 'many', definition: MANY },
    { name: 'quick', definition: QUICK, type: 'EXPRESS' },
    { name: 'chain', definition: chainDefinition(200) },
  ]);
  server = await startConsoleServer(localstackAppOptions(deployment.files));
  guarded = await startConsoleServer(localstackAppOptions(deployment.files, { apiToken: TOKEN }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  await guarded?.close();
  await deployment?.remove();
});

describe('console in Chromium', () => {
  test('GET / leads to the workflows list: type, state count, thumbnails, no console error', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${server.url}/`);
    await ready(page);
    assert.equal(new URL(page.url()).pathname, '/ui/workflows');
    for (const name of ['tour', 'many', 'quick', 'chain'])
      await page.waitForSelector(`[data-workflow="${name}"] .facts`);
    assert.equal(await page.locator('[data-workflow="quick"] .facts [data-type]').textContent(), 'EXPRESS');
    assert.match((await page.locator('[data-workflow="chain"] .facts').textContent()) ?? '', /200 states/);
    assert.equal(await page.locator('[data-workflow="tour"] svg [data-state]').count(), 14);
    await shoot(page, 'workflows');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('the form shows a server-side field error at its field, then starts and opens the execution', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${server.url}/ui/workflows/tour`);
    await ready(page);
    // The graph: Start/End, Choice rule and Default labels, Catch labelled with its errors, containers.
    assert.equal(await page.locator('.marker-start').count(), 1);
    assert.equal(await page.locator('.edge-label', { hasText: '$.priority == "express"' }).count(), 1);
    assert.equal(await page.locator('.edge-label', { hasText: 'Default' }).count(), 1);
    assert.equal(await page.locator('.edge-label-catch', { hasText: 'Catch: States.ALL' }).count(), 2);
    assert.equal(await page.locator('[data-state="Fulfil"] [data-state="BookCarrier"]').count(), 1);
    // The shell preloaded the details and the page used that response: one request for them, not two.
    const detailReads = await page.evaluate(
      () =>
        performance.getEntriesByType('resource').filter((entry) => new URL(entry.name).pathname === '/workflows/tour')
          .length,
    );
    assert.equal(detailReads, 1);
    await shoot(page, 'workflow');
    // orderId "" breaks minLength: the server's 400 names body.orderId and the form shows it there.
    await page.fill('#field-orderId', '');
    await page.click('[data-start-form] button[type="submit"]');
    const fieldError = page.locator('[data-error-for="orderId"]');
    await fieldError.waitFor({ state: 'visible' });
    assert.match((await fieldError.textContent()) ?? '', /^body\.orderId: /);
    assert.equal(await page.getAttribute('#field-orderId', 'aria-invalid'), 'true');
    await page.fill('#field-orderId', 'from-the-form');
    await page.fill('#idempotency-key', `form-${Date.now()}`);
    await page.click('[data-start-form] button[type="submit"]');
    await page.waitForURL(/\/ui\/workflows\/tour\/executions\/form-/, { waitUntil: 'commit' });
    await page.waitForSelector('[data-execution-status]');
    await page.waitForSelector('[data-execution-status="SUCCEEDED"]', { timeout: LIVE_MS });
    assert.deepEqual(
      errors.filter((error) => !error.includes('400')),
      [],
      'only the expected 400 of the invalid start',
    );
    await page.close();
  });

  test('a running showcase execution turns succeeded state by state, live, without a reload (resuming a dropped stream)', async () => {
    const { page, errors } = await browser.open();
    const { execution, executionArn } = await start('showcase', showcaseInput('standard'));
    // Its first stream is cut after 3 events: the page must resume with Last-Event-ID.
    server.dropFirstStream(execution, 3);
    await page.goto(`${server.url}/ui/workflows/showcase/executions/${execution}`);
    await ready(page);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    // LoadLoyalty is retried after 1 s and then caught; BatchWindow waits 1 s: seen running while the execution runs.
    await waitForStatus(page, 'LoadLoyalty', 'caught');
    for (const state of ['DescribeLines', 'NoLoyalty', 'Route']) await waitForStatus(page, state, 'succeeded');
    await waitForStatus(page, 'BatchWindow', 'running');
    assert.equal(await page.getAttribute('[data-execution-status]', 'data-execution-status'), 'RUNNING');
    assert.equal(await statusOf(page, 'Summarise'), 'not-reached');
    await page.locator('[data-state="BatchWindow"]').scrollIntoViewIfNeeded();
    await shoot(page, 'execution-running');
    for (const state of ['BatchWindow', 'Fulfil', 'ReserveStock', 'BookCarrier', 'Summarise', 'Done']) {
      await waitForStatus(page, state, 'succeeded');
    }
    await page.waitForSelector('[data-execution-status="SUCCEEDED"]', { timeout: LIVE_MS });
    assert.equal(await waitForEnd(executionArn), 'SUCCEEDED');
    assert.equal(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument), true);
    // The first stream was cut after three events; the console came back for the rest.
    const streams = server.streams.filter((stream) => stream.path.endsWith(`/${execution}/stream`));
    assert.ok(streams.length >= 2, `streams: ${JSON.stringify(streams)}`);
    assert.equal(streams[0]!.lastEventId, null);
    assert.equal(
      streams[1]!.lastEventId,
      '3',
      `resumed after the last event the cut stream delivered: ${JSON.stringify(streams)}`,
    );
    // Resumed without a gap or a repeat: the raw events tab holds exactly the execution's history, and the step
    // table one row per state entered.
    const events =
      (await sfnClient.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }))).events ?? [];
    const entered = events.filter((event) => event.type?.endsWith('StateEntered')).length;
    assert.match((await page.locator('[data-pager="steps"]').textContent()) ?? '', new RegExp(`of ${entered} steps`));
    await page.click('[data-tab="events"]');
    assert.match(
      (await page.locator('[data-pager="events"]').textContent()) ?? '',
      new RegExp(`of ${events.length} events`),
    );
    assert.deepEqual(
      errors.filter((error) => !error.includes('ERR_INCOMPLETE_CHUNKED_ENCODING')),
      [],
      'no error but the dropped connection',
    );
    await page.close();
  });

  test('a Catch path is shown caught with its error and failed attempt; a state click shows its JSON', async () => {
    const { page, errors } = await browser.open();
    const { execution, executionArn } = await start('showcase', showcaseInput('express'));
    await waitForEnd(executionArn);
    await page.goto(`${server.url}/ui/workflows/showcase/executions/${execution}`);
    await ready(page);
    await waitForStatus(page, 'Done', 'succeeded');
    assert.equal(await statusOf(page, 'LoadLoyalty'), 'caught');
    assert.equal(await statusOf(page, 'BatchWindow'), 'not-reached', 'express priority skips the batch window');
    assert.equal(await statusOf(page, 'FulfilmentFailed'), 'not-reached');
    await page.locator('[data-state="LoadLoyalty"]').first().click();
    const stepError = page.locator('[data-detail] [data-step-error]');
    await stepError.waitFor();
    assert.match((await stepError.getAttribute('data-step-error')) ?? '', /S3|NoSuchBucket/);
    assert.match((await page.locator('[data-detail]').textContent()) ?? '', /2 attempts/);
    assert.equal(await page.locator('[data-detail] details[data-json="Input"]').count(), 1);
    await shoot(page, 'execution');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a Map of 1,000 iterations is one node with counts, and the step table is paged', async () => {
    const { page, errors } = await browser.open();
    const { execution, executionArn } = await start('many', manyItems(1000, 10));
    assert.equal(await waitForEnd(executionArn), 'SUCCEEDED');
    await page.goto(`${server.url}/ui/workflows/many/executions/${execution}`);
    await ready(page);
    await page.waitForSelector('[data-execution-status="SUCCEEDED"]');
    const counts = page.locator('[data-state="Each"] > .state-counts');
    await page.waitForFunction(
      () => document.querySelector('[data-state="Each"] > .state-counts')?.textContent?.startsWith('1,000 iterations'),
      undefined,
      { timeout: LIVE_MS },
    );
    assert.equal(await counts.textContent(), '1,000 iterations: 990 succeeded, 10 caught');
    assert.equal(await statusOf(page, 'Fetch'), 'caught');
    assert.equal(await page.locator('[data-state="Accept"]').count(), 1, 'one node per state, not per iteration');
    assert.ok((await page.locator('[data-steps] tbody tr').count()) <= 50);
    assert.match((await page.locator('[data-pager="steps"]').textContent()) ?? '', /1–50 of 2,?\d{3} steps/);
    await shoot(page, 'execution-map');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('Stop asks for confirmation and the page turns ABORTED', async () => {
    const { page, errors } = await browser.open();
    const { execution } = await start('tour', tourInput(120));
    await page.goto(`${server.url}/ui/workflows/tour/executions/${execution}`);
    await ready(page);
    await waitForStatus(page, 'Pause', 'running');
    await page.click('[data-action="stop"]');
    await page.waitForSelector('dialog[open][data-dialog="Stop execution"]');
    await page.click('dialog[open] button[value="confirm"]');
    await page.waitForSelector('[data-execution-status="ABORTED"]', { timeout: LIVE_MS });
    await waitForStatus(page, 'Pause', 'aborted');
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('with STEPFORGE_API_TOKEN set, a start asks for the token (again when wrong) and keeps it for the tab', async () => {
    const { page } = await browser.open();
    await page.goto(`${guarded.url}/ui/workflows/tour`);
    await ready(page);
    await page.fill('#field-orderId', 'guarded');
    await page.click('[data-start-form] button[type="submit"]');
    await page.waitForSelector('dialog[open][data-dialog="API token"]');
    await page.fill('dialog[open] input', 'not-the-token');
    await page.click('dialog[open] button[value="confirm"]');
    await page.waitForSelector('dialog[open][data-dialog="API token"] >> text=refused');
    await page.fill('dialog[open] input', TOKEN);
    await page.click('dialog[open] button[value="confirm"]');
    await page.waitForSelector('[data-execution-status]', { timeout: LIVE_MS });
    assert.match(page.url(), /\/ui\/workflows\/tour\/executions\//);
    assert.equal(await page.evaluate(() => sessionStorage.getItem('stepforge.apiToken')), TOKEN);
    await page.waitForSelector('[data-execution-status="SUCCEEDED"]', { timeout: LIVE_MS });
    await page.close();
  });

  test('an EXPRESS workflow runs from the form with Prefer: wait and shows its result', async () => {
    const { page, errors } = await browser.open();
    await page.goto(`${server.url}/ui/workflows/quick`);
    await ready(page);
    assert.equal(await page.isChecked('#prefer-wait'), true);
    await page.waitForSelector('[data-express]');
    await page.click('[data-start-form] button[type="submit"]');
    await page.waitForSelector('[data-start-result] [data-badge="SUCCEEDED"]', { timeout: LIVE_MS });
    assert.match((await page.locator('[data-start-result] pre').textContent()) ?? '', /"echoed": true/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('at 390x844 every page renders without a console error or a page-wide horizontal scroll', async () => {
    const { page, errors } = await browser.open({ width: 390, height: 844 });
    const { execution, executionArn } = await start('tour', tourInput(0));
    await waitForEnd(executionArn);
    for (const [path, name] of [
      ['/ui/workflows', 'mobile-workflows'],
      ['/ui/workflows/tour', 'mobile-workflow'],
      [`/ui/workflows/tour/executions/${execution}`, 'mobile-execution'],
      ['/ui/workflows/chain', 'workflow-200-states'],
    ] as const) {
      await page.goto(`${server.url}${path}`);
      await ready(page);
      await page.waitForSelector(
        path.includes('/executions/') ? '[data-state="Done"][data-status="succeeded"]' : '[data-state]',
      );
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      assert.ok(overflow <= 1, `${path} is ${overflow}px wider than the viewport`);
      await shoot(page, name);
    }
    assert.deepEqual(errors, []);
    await page.close();
  });
});
