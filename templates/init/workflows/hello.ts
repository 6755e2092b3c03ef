// A workflow is a value exported from a module in workflows/: `npx stepforge generate` compiles every one of them.
import { placeholder, workflow } from 'stepforge';

export interface HelloInput {
  /** Who to greet. */
  readonly name: string;
}

export const hello = workflow<HelloInput>('hello', {
  comment: 'Greets someone: the greet action (actions/greet.ts) runs in `stepforge worker action`',
  resources: { buckets: ['hello-inbox'] },
});

hello.action('Greet', ({ input }) => ({
  input: {
    action: { name: 'greet', params: { name: input.name } },
    // The action task container works on one S3 object; greet does not read it.
    item: { bucket: placeholder.bucket('hello-inbox'), key: 'greeting.txt' },
  },
  resultPath: '$.greeting',
}));
