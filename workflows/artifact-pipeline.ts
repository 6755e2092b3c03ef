// Replaces the artifact scripts: a lister that published one message per object under a prefix, and a consumer that
// posted each artifact to the results service's import endpoint, then deleted the artifact and its message.
import { placeholder, workflow } from '../src/dsl/index.ts';

export interface ArtifactPipelineInput {
  /** Only artifacts under this key prefix (e.g. `builds/1234/`). */
  readonly prefix: string;
  /** The results service's import endpoint; each artifact is POSTed there as a multipart form. */
  readonly receiverUrl: string;
}

const ARTIFACT_QUEUE = 'artifact-queue';

const draft = workflow<ArtifactPipelineInput>('artifact-pipeline', {
  comment:
    'List artifacts under a prefix, queue one message each, post every artifact to the results service, delete it',
  resources: { buckets: ['artifacts'], queues: [ARTIFACT_QUEUE] },
});

// Activity dispatch here (bucket-to-queue and media-archive show the default queue dispatch): a worker long-polls
// Step Functions itself, no dispatch queue needed.
const listThenPost = draft
  .listAndPublish('ListArtifacts', ({ input }) => ({
    input: {
      bucket: placeholder.bucket('artifacts'),
      prefix: input.prefix,
      queueUrl: placeholder.queueUrl(ARTIFACT_QUEUE),
    },
    dispatch: 'activity',
    resultPath: '$.listed',
  }))
  .next((steps) =>
    steps.consume('PostArtifacts', ({ input }) => ({
      input: {
        queueUrl: placeholder.queueUrl(ARTIFACT_QUEUE),
        action: { name: 'http-post', params: { url: input.receiverUrl, field: 'file' } },
        // The artifact is deleted after the POST succeeded and before its message, as the old consumer did.
        deleteSource: true,
        idleSeconds: 2,
      },
      dispatch: 'activity',
      resultPath: '$.posted',
    })),
  );

export const artifactPipeline = draft.start(listThenPost);
