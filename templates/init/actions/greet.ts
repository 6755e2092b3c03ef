// An action: a named, typed piece of work the `action` task container runs for a workflow step. stepforge finds the
// actions of this project in the folder package.json names ("stepforge": { "actions": "actions" }).
import { defineAction } from 'stepforge/tasks';

export default defineAction({
  name: 'greet',
  params: {
    type: 'object',
    properties: { name: { type: 'string' } },
    required: ['name'],
    additionalProperties: false,
  } as const,
  async run({ params }) {
    return { greeting: `Hello, ${params.name}!` };
  },
});
