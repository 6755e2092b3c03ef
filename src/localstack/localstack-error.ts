/**
 * Something the host LocalStack could not do (install, start, stop, probe). The message says what was tried and,
 * where there is one, ends with the tail of the relevant log so that one line on stderr is enough to act on.
 */
export class LocalStackError extends Error {
  override readonly name = 'LocalStackError';
}
