/** Bad usage of a command: exit code 2, as the CONTRACT says. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
