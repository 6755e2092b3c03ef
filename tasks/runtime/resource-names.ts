/** The names deploy gives each task's Step Functions resources (docs/internal-contracts.md, "Resource names"). */
export function activityName(task: string): string {
  return `stepforge-${task}`;
}

export function dispatchQueueName(task: string): string {
  return `stepforge-${task}-tasks`;
}

export function dispatchDlqName(task: string): string {
  return `stepforge-${task}-tasks-dlq`;
}
