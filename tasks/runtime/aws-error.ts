/** The AWS SDK's error name (`NoSuchBucket`, `QueueDoesNotExist`, ...), or undefined for anything else. */
export function awsErrorName(error: unknown): string | undefined {
  if (error instanceof Error) return error.name;
  return undefined;
}

/** True when the error is one of the named AWS errors (SDK names differ a little between services and protocols). */
export function isAwsError(error: unknown, ...names: string[]): boolean {
  const name = awsErrorName(error);
  if (name !== undefined && names.includes(name)) return true;
  const code = (error as { Code?: unknown; code?: unknown } | null)?.Code ?? (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && names.includes(code);
}

export function httpStatusOf(error: unknown): number | undefined {
  return (error as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** SQS answers a missing queue with `QueueDoesNotExist` (JSON protocol) or the legacy query-protocol code. */
export function isQueueMissing(error: unknown): boolean {
  return isAwsError(error, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue');
}

export function isAccessDenied(error: unknown): boolean {
  return isAwsError(error, 'AccessDenied', 'AccessDeniedException', 'Forbidden') || httpStatusOf(error) === 403;
}

/**
 * The SDK's message for an AWS error, for causes. An answer without a body (a HEAD refused with 403) leaves the SDK
 * only "UnknownError": the HTTP status says more.
 */
export function awsErrorDetail(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const status = httpStatusOf(error);
  if (status === undefined || (message !== '' && message !== 'UnknownError')) return message;
  return status === 403 ? 'HTTP 403 Forbidden' : `HTTP ${status}`;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
