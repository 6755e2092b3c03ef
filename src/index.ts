// The library's public face: the workflow DSL, the project configuration, and the AWS/config layer for code that
// talks to what it deploys.
export * from './dsl/index.ts';
export { defineConfig, type StepforgeConfig } from './config/index.ts';
export * as aws from './aws/index.ts';
