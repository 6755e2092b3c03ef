import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import type { FeatureResult } from './feature-result.ts';
import { describeFailure, type ProbeContext, runStateMachine } from './probe-context.ts';

/** GetExecutionHistory with a small maxResults must page with nextToken and, put together, equal the full history. */
export async function probeHistoryPaging(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(context, 'probe-history', {
    StartAt: 'One',
    States: { One: { Type: 'Pass', Next: 'Two' }, Two: { Type: 'Pass', Next: 'Three' }, Three: { Type: 'Pass', End: true } },
  });
  if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
  const { sfn } = context.clients;
  const full = await sfn.send(new GetExecutionHistoryCommand({ executionArn: outcome.executionArn, maxResults: 1000 }));
  const pages: HistoryEvent[][] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn: outcome.executionArn, maxResults: 2, nextToken }));
    pages.push(page.events ?? []);
    nextToken = page.nextToken;
  } while (nextToken && pages.length < 50);
  const paged = pages.flat().map((event) => event.id);
  const expected = (full.events ?? []).map((event) => event.id);
  const oversized = pages.filter((page) => page.length > 2).length;
  if (oversized === 0 && pages.length > 1 && paged.join() === expected.join()) {
    return { supported: true, detail: `${expected.length} events over ${pages.length} pages of at most 2` };
  }
  return {
    supported: false,
    detail: `maxResults 2 gave ${pages.length} page(s) of sizes ${pages.map((page) => page.length).join(',')}; full history has ${expected.length} events`,
  };
}
