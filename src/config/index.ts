// A project's stepforge configuration: where its own actions and tasks live.
export { defineConfig, type StepforgeConfig } from './define-config.ts';
