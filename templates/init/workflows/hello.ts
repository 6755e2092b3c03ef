// A workflow is a value exported from a module in workflows/: `npx stepforge generate` compiles every one of them.
import { workflow } from 'stepforge';

export interface HelloInput {
  /** Who to greet. */
  readonly name: string;
}

const draft = workflow<HelloInput>('hello', {
  comment: 'Greets someone: the greet action (actions/greet.ts) runs in `stepforge worker action`',
});

// `greet` and its params are typed by stepforge-env.d.ts; its result ({ greeting }) is the step's output.
const greet = draft.action('Greet', ({ input }) => ({ action: 'greet', params: { name: input.name } }));

// Given its steps through `start`, the workflow's type knows them: a test's mocks are typed by step name.
export const hello = draft.start(greet);
