/** An activity, as an ARN or as deploy's `${activity:name}` placeholder. */
export function isActivity(resource: string): boolean {
  return resource.startsWith('${activity:') || /^arn:aws[\w-]*:states:[^:]*:[^:]*:activity:/.test(resource);
}

/** A Task that waits for a worker to answer: an activity, or any integration called with `.waitForTaskToken`. */
export function waitsForWorker(resource: string): boolean {
  return isActivity(resource) || resource.endsWith('.waitForTaskToken');
}
