// The library's public face: the workflow DSL, and the AWS/config layer for code that talks to what it deploys.
export * from './dsl/index.ts';
export * as aws from './aws/index.ts';
