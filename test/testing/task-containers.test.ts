// The task-container fakes run the real task code in-process: a workflow that lists a bucket into a queue
// (list-and-publish) and drains it with an action (consume) succeeds with the objects copied and the queue empty,
// on the run's in-memory S3 and an in-memory SQS; a task's own failure reaches the workflow by its name; a project's
// own action (defineAction), given as `actions`, runs in the action container beside the built-ins, and its own task
// container (defineTask), given as `tasks`, runs for its `userTask` steps.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { workflow } from '../../src/dsl/index.ts';
import { MemoryS3, runWorkflow } from '../../src/testing/index.ts';
import {
  MemorySqs,
  type ProjectTask,
  taskContainerFake,
  taskContainerFakes,
} from '../../src/testing/task-containers/index.ts';
import { copyObjects } from '../support/testing/copy-objects.ts';
import { listZipEntries } from '../support/zip-archive/zip-inspect.ts';
import greet from '../fixtures/user-project/actions/greet.ts';
import shout from '../fixtures/user-project/tasks/shout.ts';

const QUEUE = 'http://sqs.local/000000000000/objects';

describe('task-container fakes (in-memory S3 and SQS)', () => {
  for (const dispatch of ['queue', 'activity'] as const) {
    it(`list-and-publish + consume run the real tasks to SUCCEEDED (${dispatch} dispatch)`, async () => {
      const s3 = new MemoryS3({ 'photos/a.jpg': 'A', 'photos/b/c.jpg': 'CC', 'copies/': '' });
      const sqs = new MemorySqs([QUEUE]);
      const run = await runWorkflow(
        copyObjects(dispatch),
        { bucket: 'photos', queueUrl: QUEUE, destination: 'copies' },
        { s3, tasks: taskContainerFakes({ s3, sqs }) },
      );
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      const output = run.output as { listed: Record<string, unknown>; consumed: Record<string, unknown> };
      assert.deepEqual(output.listed, { published: 2, queueUrl: QUEUE, firstKey: 'a.jpg', lastKey: 'b/c.jpg' });
      assert.deepEqual(output.consumed, { received: 2, succeeded: 2, failed: 0 });
      assert.deepEqual(
        Object.entries(s3.toRecord()).filter(([path]) => path.startsWith('copies/')),
        [
          ['copies/in/a.jpg', 'A'],
          ['copies/in/b/c.jpg', 'CC'],
        ],
      );
      assert.deepEqual(sqs.bodies(QUEUE), [], 'every message was deleted after its copy');
    });
  }
  it('a task failure reaches the workflow by its name (a missing bucket)', async () => {
    const s3 = new MemoryS3({ 'copies/': '' });
    const sqs = new MemorySqs([QUEUE]);
    const run = await runWorkflow(
      copyObjects('queue'),
      { bucket: 'nowhere', queueUrl: QUEUE, destination: 'copies' },
      { s3, tasks: taskContainerFakes({ s3, sqs }) },
    );
    assert.equal(run.status, 'FAILED');
    assert.match(run.error ?? '', /^ListAndPublish\./);
    assert.equal(run.steps.find((step) => step.name === 'ListObjects')?.status, 'failed');
  });
  it('action and zip-archive run too: an s3-copy, then a zip of two objects uploaded to the destination bucket', async () => {
    const draft = workflow<{ readonly key: string }>('copy-and-zip');
    const copy = draft.action('Copy', ({ input }) => ({
      input: { action: { name: 's3-copy', params: { bucket: 'out' } }, item: { bucket: 'src', key: input.key } },
      resultPath: '$.copied',
    }));
    const zip = draft.zipArchive('Zip', {
      input: { files: [{ source: 'a.txt' }, { source: 'b.txt', destination: 'docs/b.txt' }] },
      resultPath: '$.zip',
    });
    const s3 = new MemoryS3({ 'src/a.txt': 'A', 'src/b.txt': 'BB', 'out/': '', 'archives/': '' });
    const env = {
      S3_SOURCE_BUCKET: 'src',
      S3_DESTINATION_BUCKET: 'archives',
      ARCHIVE_BASE_URL: 'https://files.example',
      ALLOWED_SOURCE_BUCKETS: 'src',
    };
    const run = await runWorkflow(
      draft.start(copy.next(zip)),
      { key: 'a.txt' },
      { s3, tasks: taskContainerFakes({ s3, sqs: new MemorySqs() }, { env }) },
    );
    assert.equal(run.status, 'SUCCEEDED', run.cause);
    assert.equal(s3.text('out', 'a.txt'), 'A');
    const archive = (run.output as { zip: { bucket: string; key: string; fileCount: number } }).zip;
    assert.equal(archive.bucket, 'archives');
    assert.equal(archive.fileCount, 2);
    const entries = await listZipEntries(Buffer.from(s3.get('archives', archive.key).body));
    assert.deepEqual(
      entries.map((entry) => [entry.name, entry.size]),
      [
        ['a.txt', 1],
        ['docs/b.txt', 2],
      ],
    );
  });

  describe("a project's own action (`actions: [greet]`)", () => {
    const draft = workflow<{ readonly name: string }>('user-action');
    const greeting = draft.start(
      draft.action('Greet', ({ input }) => ({ action: 'greet', params: { name: input.name } })),
    );
    const fakes = (actions: readonly (typeof greet)[]) =>
      taskContainerFakes({ s3: new MemoryS3(), sqs: new MemorySqs() }, { actions });

    it('runs its real code: the step gets its result', async () => {
      const run = await runWorkflow(greeting, { name: 'Ada' }, { tasks: fakes([greet]) });
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      assert.deepEqual(run.output, { greeting: 'Hello, Ada!' });
    });

    it('checks its params against its schema first (Action.InvalidInput naming the field)', async () => {
      const run = await runWorkflow(greeting, { name: '' }, { tasks: fakes([greet]) });
      assert.equal(run.status, 'FAILED');
      assert.equal(run.error, 'Action.InvalidInput');
      assert.match(run.cause ?? '', /action\.params\.name/);
    });

    it('is unknown to the fakes when not given', async () => {
      const run = await runWorkflow(greeting, { name: 'Ada' }, { tasks: fakes([]) });
      assert.equal(run.error, 'Action.InvalidInput');
      assert.match(run.cause ?? '', /no action named "greet"/);
    });
  });

  describe("a project's own task container (`tasks: [shout]`, a defineTask task)", () => {
    // Both dispatches: the queue message to stepforge-shout-tasks (default) and the stepforge-shout activity.
    const draft = workflow<{ readonly text: string; readonly times: number }>('user-task');
    const shouting = draft.start(
      draft
        .userTask('Shout', ({ input }) => ({
          task: 'shout',
          input: { text: input.text, times: input.times },
          resultPath: '$.first',
        }))
        .next((steps) =>
          steps.userTask('ShoutAgain', ({ input }) => ({
            task: 'shout',
            input: { text: input.first.shouted },
            dispatch: 'activity',
            resultPath: '$.second',
          })),
        ),
    );
    const fakes = (tasks: readonly ProjectTask[]) =>
      taskContainerFakes({ s3: new MemoryS3(), sqs: new MemorySqs() }, { tasks });

    it('runs its real code for each step, by queue and by activity: the steps get its results', async () => {
      const run = await runWorkflow(shouting, { text: 'hi', times: 2 }, { tasks: fakes([shout]) });
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      assert.deepEqual(run.output, {
        text: 'hi',
        times: 2,
        first: { shouted: 'HI HI' },
        second: { shouted: 'HI HI' },
      });
    });

    it('mocks one state by name too (taskContainerFake), its result typed as the step expects', async () => {
      const shoutOnce = taskContainerFake('shout', { s3: new MemoryS3(), sqs: new MemorySqs() }, { tasks: [shout] });
      const run = await runWorkflow(
        shouting,
        { text: 'hi', times: 1 },
        {
          tasks: { Shout: shoutOnce, ShoutAgain: async (call) => ({ shouted: `${(await shoutOnce(call)).shouted}!` }) },
        },
      );
      assert.equal(run.status, 'SUCCEEDED', run.cause);
      assert.deepEqual(run.output, { text: 'hi', times: 1, first: { shouted: 'HI' }, second: { shouted: 'HI!' } });
    });

    it("checks the input against the task's schema first: Shout.InvalidInput naming the field", async () => {
      const run = await runWorkflow(shouting, { text: 'hi', times: 9 }, { tasks: fakes([shout]) });
      assert.deepEqual([run.status, run.error], ['FAILED', 'Shout.InvalidInput']);
      assert.match(run.cause ?? '', /^times: must be <= 5/);
      assert.equal(run.steps.find((step) => step.name === 'Shout')?.status, 'failed');
      assert.ok(!run.path.includes('ShoutAgain'));
    });

    it('is unknown to the fakes when not given: the run is refused naming the state and the option', async () => {
      await assert.rejects(
        runWorkflow(shouting, { text: 'hi', times: 1 }, { tasks: fakes([]) }),
        /Task state "Shout": no task container named "shout"; .*taskContainerFakes\(target, \{ tasks: /,
      );
    });

    it('refuses a task named like a built-in, and a value that is not a defineTask result', () => {
      const impostor = { ...shout, name: 'consume' };
      assert.throws(
        () => fakes([impostor]),
        /two tasks are named "consume": built-in and taskContainerFakes\(\{ tasks \}\)/,
      );
      assert.throws(
        () => fakes([{ name: 'x' } as unknown as ProjectTask]),
        /options\.tasks\[0\] is not a defineTask result/,
      );
    });
  });
});
