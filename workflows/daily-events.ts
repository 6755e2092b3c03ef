// Replaces the job that drained a queue of (often SNS-wrapped) events into one S3 file per day: each kept event
// becomes a JSON line in `<keyPrefix><YYYYMMDD>`, merged with what the file already holds, without duplicates.
import { placeholder, workflow } from '../src/dsl/index.ts';

export interface DailyEventsInput {
  /** Day files are `<keyPrefix><YYYYMMDD>`, e.g. `events/prod/20260101`. */
  readonly keyPrefix: string;
}

const EVENTS_QUEUE = 'event-queue';

const draft = workflow<DailyEventsInput>('daily-events', {
  comment: 'Drain the event queue into one merged, deduplicated JSON-lines file per day',
  // A message the merge keeps failing on (or a body that is not an event) moves to `event-queue-dlq` after 5
  // receives, instead of coming back to every run.
  resources: { buckets: ['event-archive'], queues: [{ name: EVENTS_QUEUE, deadLetter: { maxReceiveCount: 5 } }] },
});

const mergeDailyFiles = draft.consume('MergeDailyFiles', ({ input }) => ({
  input: {
    queueUrl: placeholder.queueUrl(EVENTS_QUEUE),
    action: {
      name: 'daily-merge',
      params: { bucket: placeholder.bucket('event-archive'), keyPrefix: input.keyPrefix },
    },
    // The queue is drained once it stays empty this long; the next run picks up what arrives later.
    idleSeconds: 2,
  },
  dispatch: 'activity',
}));

export const dailyEvents = draft.start(mergeDailyFiles);
