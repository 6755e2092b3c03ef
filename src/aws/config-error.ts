/**
 * A configuration problem a user can fix: it always names the variable at fault and says why.
 * The CLI turns it into exit code 2 with one line on stderr.
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`${variable}: ${reason}`);
  }
}
