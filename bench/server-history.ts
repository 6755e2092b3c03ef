/**
 * The server's own overhead on `GET .../history?view=events`: the same history read through the server over HTTP
 * against GetExecutionHistory called directly with the SDK, interleaved, on the same LocalStack in the same run.
 *
 *   node --import tsx bench/server-history.ts [--items 200] [--runs 41]
 *
 * Prints the median of each and their ratio; the goal is a ratio of at most 1.10. `ratio` is the server as
 * production runs it (its own process, started like `stepforge serve`) against the SDK's GetExecutionHistoryCommand,
 * what a client would call instead of the server. `ratioToServerCall` is against the very call the server makes
 * (the same command through the same SDK client, its body read as plain JSON: src/server/sfn/history-json.ts), so
 * it counts only what the server adds around that call. `inProcessRatio` shares this process's event loop and CPU
 * with the bench; `appRatio` is the app alone (`app.request()`, no socket). Every call reads the same history with
 * the same number of Step Functions calls. No absolute figure is asserted.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, get } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { createApp } from '../src/server/index.ts';
import { getExecutionHistoryJson } from '../src/server/sfn/history-json.ts';
import { startNodeServer } from '../src/server/node.ts';
import { mapOfPass } from '../test/support/server/definitions.ts';
import {
  deployFixture,
  localstackAppOptions,
  sfnClient,
  waitForEnd,
} from '../test/support/server/localstack-fixture.ts';
import { median, numberOption, useLocalStackDefaults } from './support.ts';

const GOAL_RATIO = 1.1;
const ITEMS = numberOption('items', 200);
const RUNS = numberOption('runs', 41);

useLocalStackDefaults();
process.env.APP_DEBUG = '0';

async function sdkHistory(executionArn: string): Promise<number> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfnClient.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events.length;
}

/** The call the server makes, pages followed the same way. */
async function serverCallHistory(executionArn: string): Promise<number> {
  let count = 0;
  let nextToken: string | undefined;
  do {
    const page = await getExecutionHistoryJson(sfnClient, { executionArn, maxResults: 1000, nextToken });
    count += page.events.length;
    nextToken = page.nextToken;
  } while (nextToken);
  return count;
}

// The same kind of client as the SDK's (node:http, keep-alive), so the ratio measures the server, not the client.
const agent = new Agent({ keepAlive: true });
function getJson<T>(url: string): Promise<T> {
  return new Promise((resolve, reject) => {
    get(url, { agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')) as T));
      response.on('error', reject);
    }).on('error', reject);
  });
}

async function serverHistory(url: string): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  do {
    const page: { events: unknown[]; nextCursor: string | null } = await getJson(
      `${url}&limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    count += page.events.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

const definition = mapOfPass();
const fixture = await deployFixture('bench', definition, undefined);
const buildDir = mkdtempSync(join(tmpdir(), 'stepforge-bench-'));
for (const [path, text] of Object.entries(fixture.files)) {
  mkdirSync(dirname(join(buildDir, path)), { recursive: true });
  writeFileSync(join(buildDir, path), text);
}
const server = await startNodeServer({ port: 0, host: '127.0.0.1', buildDir });
const child = spawn(process.execPath, ['bin/stepforge.mjs', 'serve', '--port', '0', '--build', buildDir], {
  cwd: new URL('..', import.meta.url).pathname,
  env: { ...process.env, APP_DEBUG: '0' },
  stdio: ['ignore', 'pipe', 'ignore'],
});
const childUrl = await new Promise<string>((resolve, reject) => {
  let output = '';
  child.stdout!.on('data', (chunk) => {
    output += chunk;
    const match = /stepforge server: (http:\/\/\S+)/.exec(output);
    if (match) resolve(match[1]!);
  });
  child.once('exit', (code) => reject(new Error(`stepforge serve exited with ${code}`)));
});
try {
  const started = await fetch(`${server.url}/workflows/bench/executions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ items: Array.from({ length: ITEMS }, (_, index) => index) }),
  });
  const { executionArn, links } = (await started.json()) as { executionArn: string; links: { history: string } };
  await waitForEnd(executionArn);
  const historyUrl = `${server.url}${links.history}?view=events`;

  const events = await sdkHistory(executionArn);
  const processUrl = `${childUrl}${links.history}?view=events`;
  for (const count of [
    await serverCallHistory(executionArn),
    await serverHistory(historyUrl),
    await serverHistory(processUrl),
  ]) {
    if (count !== events) throw new Error(`server and SDK disagree on the event count (${count} vs ${events})`);
  }
  for (let warm = 0; warm < 5; warm++) {
    await Promise.all([
      sdkHistory(executionArn),
      serverCallHistory(executionArn),
      serverHistory(historyUrl),
      serverHistory(processUrl),
    ]);
  }

  const app = createApp(localstackAppOptions(fixture.files));
  const appPath = `${links.history}?view=events&limit=1000`;
  const measures = {
    sdk: () => sdkHistory(executionArn),
    serverCall: () => serverCallHistory(executionArn),
    process: () => serverHistory(processUrl),
    inProcess: () => serverHistory(historyUrl),
    app: async () => (await app.request(appPath)).json(),
  };
  const times: Record<keyof typeof measures, number[]> = {
    sdk: [],
    serverCall: [],
    process: [],
    inProcess: [],
    app: [],
  };
  const names = Object.keys(measures) as (keyof typeof measures)[];
  for (let run = 0; run < RUNS; run++) {
    // Rotate which goes first so drift on the shared machine falls on every side alike.
    for (let index = 0; index < names.length; index++) {
      const which = names[(run + index) % names.length]!;
      const begin = performance.now();
      await measures[which]();
      times[which].push(performance.now() - begin);
    }
  }
  const ms = (name: keyof typeof measures) => Number(median(times[name]).toFixed(2));
  const over = (name: keyof typeof measures, base: keyof typeof measures) =>
    Number((median(times[name]) / median(times[base])).toFixed(3));
  const ratio = over('process', 'sdk');
  console.log(
    JSON.stringify({
      events,
      runs: RUNS,
      sdkMedianMs: ms('sdk'),
      serverCallMedianMs: ms('serverCall'),
      processMedianMs: ms('process'),
      ratio,
      overheadPercent: Number(((ratio - 1) * 100).toFixed(1)),
      ratioToServerCall: over('process', 'serverCall'),
      inProcessMedianMs: ms('inProcess'),
      inProcessRatio: over('inProcess', 'sdk'),
      appMedianMs: ms('app'),
      appRatio: over('app', 'sdk'),
      goal: `ratio <= ${GOAL_RATIO}`,
      meetsGoal: ratio <= GOAL_RATIO,
    }),
  );
} finally {
  agent.destroy();
  child.kill('SIGTERM');
  await server.close();
  await fixture.remove();
  rmSync(buildDir, { recursive: true, force: true });
}
