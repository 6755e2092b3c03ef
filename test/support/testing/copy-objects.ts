// A workflow of two task-container steps for the fakes' tests: list a bucket into a queue (list-and-publish), then
// drain the queue copying each object to another bucket (consume + s3-copy).
import { workflow } from '../../../src/dsl/index.ts';

export interface CopyObjectsInput {
  readonly bucket: string;
  readonly queueUrl: string;
  readonly destination: string;
}

export function copyObjects(dispatch: 'queue' | 'activity') {
  const draft = workflow<CopyObjectsInput>(`copy-objects-${dispatch}`);
  const list = draft.listAndPublish('ListObjects', ({ input }) => ({
    input: { bucket: input.bucket, queueUrl: input.queueUrl },
    resultPath: '$.listed',
    dispatch,
  }));
  const copy = draft.consume('CopyObjects', ({ input }) => ({
    input: {
      queueUrl: input.queueUrl,
      action: { name: 's3-copy', params: { bucket: input.destination, prefix: 'in/' } },
      idleSeconds: 0,
    },
    resultPath: '$.consumed',
    dispatch,
  }));
  return draft.start(list.next(copy));
}
