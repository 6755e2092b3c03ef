// media-archive, run in-process with the runner: the archive request with a task token, each Retrier (a source that
// changed while zipping; a worker shutdown) succeeding on its last attempt, and an error no Retrier names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fail, failOn, runWorkflow } from '../../src/testing/index.ts';
import { mediaArchive } from '../../workflows/media-archive.ts';

const request = { files: [{ source: 'a.jpg' }] };
const archived = {
  bucket: 'media-archives',
  key: 'archive.zip',
  url: 'http://127.0.0.1:4566/media-archives/archive.zip',
  size: 22,
  fileCount: 1,
  metadata: null,
};

describe('media-archive', () => {
  it('sends the whole input and a task token to the zip-archive container', async () => {
    const run = await runWorkflow(mediaArchive, request, {
      tasks: {
        // Typed from the workflow: zip-archive's envelope in (queue dispatch), its output back.
        ArchiveMedia: ({ input, taskToken }) => {
          assert.ok('MessageBody' in input, 'queue dispatch (the default) sends QueueUrl + MessageBody');
          assert.deepEqual(input.MessageBody.input, request);
          assert.equal(input.MessageBody.taskToken, taskToken);
          return archived;
        },
      },
    });
    assert.deepEqual([run.status, run.output], ['SUCCEEDED', archived]);
  });

  it('Retry: ZipArchive.SourceChanged twice, then the last attempt succeeds', async () => {
    const run = await runWorkflow(mediaArchive, request, {
      tasks: { ArchiveMedia: failOn([1, 2], { error: 'ZipArchive.SourceChanged' }, () => archived) },
    });
    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.steps[0]?.attempts, 3);
  });

  it('Retry: each Retrier counts its own attempts (2 source changes and 2 shutdowns, then success)', async () => {
    const run = await runWorkflow(mediaArchive, request, {
      tasks: {
        ArchiveMedia: failOn([1, 3], { error: 'ZipArchive.SourceChanged' }, (call) => {
          if (call.call === 2 || call.call === 4)
            throw Object.assign(new Error('stopped'), { error: 'Worker.Shutdown' });
          return archived;
        }),
      },
    });
    assert.equal(run.status, 'SUCCEEDED');
    assert.equal(run.steps[0]?.attempts, 5);
  });

  it('an error no Retrier names fails the execution at once', async () => {
    const run = await runWorkflow(mediaArchive, request, {
      tasks: { ArchiveMedia: fail('ZipArchive.SourceMissing', 'a.jpg is gone') },
    });
    assert.deepEqual([run.status, run.error, run.cause], ['FAILED', 'ZipArchive.SourceMissing', 'a.jpg is gone']);
    assert.equal(run.steps[0]?.attempts, 1);
  });
});
