// What a workflow needs deployed: the DSL computes it (`Workflow.resources()`), the generator merges it over all
// workflows into build/ (manifest, serverless-localstack.yml), deploy creates it.

/** A queue a workflow sends to or declares; a standard task-container queue comes with its dead-letter queue. */
export interface QueueSpec {
  readonly name: string;
  readonly fifo: boolean;
  readonly dlq?: { readonly name: string; readonly maxReceiveCount: number };
}

/** Activities, queues and buckets by name, each sorted by name. */
export interface WorkflowResources {
  readonly activities: readonly string[];
  readonly queues: readonly QueueSpec[];
  readonly buckets: readonly string[];
}
