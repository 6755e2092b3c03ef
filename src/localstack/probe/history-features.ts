import { GetExecutionHistoryCommand, type HistoryEvent, paginateGetExecutionHistory } from '@aws-sdk/client-sfn';
import type { FeatureResult } from './feature-result.ts';
import { describeFailure, type ProbeContext, runStateMachine } from './probe-context.ts';

/** GetExecutionHistory with a small maxResults must page with nextToken and, put together, equal the full history. */
export async function probeHistoryPaging(context: ProbeContext): Promise<FeatureResult> {
  const outcome = await runStateMachine(context, 'probe-history', {
    StartAt: 'One',
    States: {
      One: { Type: 'Pass', Next: 'Two' },
      Two: { Type: 'Pass', Next: 'Three' },
      Three: { Type: 'Pass', End: true },
    },
  });
  if (outcome.status !== 'SUCCEEDED') return { supported: false, detail: describeFailure(outcome) };
  const { sfn } = context.clients;
  const full = await sfn.send(new GetExecutionHistoryCommand({ executionArn: outcome.executionArn, maxResults: 1000 }));
  const pages: HistoryEvent[][] = [];
  // At most 50 pages: an endpoint that keeps answering with a token must not hold the probe for ever.
  for await (const page of paginateGetExecutionHistory(
    { client: sfn, pageSize: 2 },
    { executionArn: outcome.executionArn },
  )) {
    pages.push(page.events ?? []);
    if (pages.length >= 50) break;
  }
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
