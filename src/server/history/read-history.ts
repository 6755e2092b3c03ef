import { fetchAll, type PageFetch, type SfnPort } from '../sfn/index.ts';
import type { HistoryEventLike } from '../../contracts/steps/index.ts';

/** GetExecutionHistory as a page source for `fetchPage`/`fetchAll`. */
export function historySource(sfn: SfnPort, executionArn: string, reverseOrder = false): PageFetch<HistoryEventLike> {
  return async (request) => {
    const result = await sfn.getExecutionHistory({ executionArn, reverseOrder, ...request });
    return {
      items: result.events,
      ...(result.nextToken ? { nextToken: result.nextToken } : {}),
    };
  };
}

/** The whole history, oldest first. */
export function readWholeHistory(sfn: SfnPort, executionArn: string): Promise<HistoryEventLike[]> {
  return fetchAll(historySource(sfn, executionArn));
}
