// Tells the DSL this project's own actions, so that a workflow's `action: 'greet'` step checks its params by name.
// Add a line per file in actions/ (and `interface Tasks` for tasks/, see stepforge's tasks/README.md).
import type {} from 'stepforge';
import type greet from './actions/greet.ts';

declare module 'stepforge' {
  interface Actions {
    greet: typeof greet;
  }
}
