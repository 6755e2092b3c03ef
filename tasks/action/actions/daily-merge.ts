import type { MessageBatchAction, MessageVerdict } from '../action.ts';
import { toEventLine } from '../daily-merge/event-line.ts';
import { mergeDayFile } from '../daily-merge/merge-day-file.ts';
import { type DailyMergeParams, parseDailyMergeParams } from '../daily-merge/params.ts';

/**
 * Queued events (raw, or SNS envelopes whose Message is a JSON string) into one S3 file per day of the event's own
 * timestamp. Each day file of a batch is read, merged and written once; a day that cannot be read or written fails
 * only the messages of that day, which stay in the queue.
 */
export const dailyMergeAction: MessageBatchAction<DailyMergeParams> = {
  kind: 'messages',
  name: 'daily-merge',
  parseParams: parseDailyMergeParams,
  async runBatch(messages, params, context) {
    const verdicts: MessageVerdict[] = [];
    const days = new Map<string, { lines: string[]; indexes: number[] }>();
    messages.forEach((message, index) => {
      const result = toEventLine(message.body, params);
      if (result.kind === 'invalid') verdicts[index] = { status: 'failed', reason: result.reason };
      else if (result.kind === 'filtered') verdicts[index] = { status: 'filtered', reason: result.reason };
      else {
        const day = days.get(result.day) ?? { lines: [], indexes: [] };
        day.lines.push(result.line);
        day.indexes.push(index);
        days.set(result.day, day);
      }
    });
    await Promise.all(
      [...days].map(async ([day, { lines, indexes }]) => {
        const key = `${params.keyPrefix}${day}`;
        let verdict: MessageVerdict;
        try {
          const merged = await mergeDayFile(context.clients.s3, params.bucket, key, lines, context.signal);
          context.logger.info('day file merged', { bucket: params.bucket, key, added: lines.length, ...merged });
          verdict = { status: 'done' };
        } catch (error) {
          verdict = { status: 'failed', reason: (error as Error).message };
        }
        for (const index of indexes) verdicts[index] = verdict;
      }),
    );
    return verdicts;
  },
};
