// An action: a named, typed piece of work the `action` task container (`stepforge worker action`) runs for a workflow
// step. stepforge finds the actions of this project in the folder package.json names ("stepforge": { "actions":
// "actions" }); stepforge-env.d.ts types them for the workflows.
import { defineAction } from 'stepforge/tasks';

export default defineAction({
  name: 'greet',
  // Checked before `run`: a bad value fails the step with Action.InvalidInput naming the field.
  params: {
    type: 'object',
    properties: { name: { type: 'string', minLength: 1 } },
    required: ['name'],
    additionalProperties: false,
  } as const,
  async run({ params }) {
    return { greeting: `Hello, ${params.name}!` };
  },
});
