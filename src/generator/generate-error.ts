/** A generate/validate run that cannot go on (a module that does not load, two workflows of one name...): exit 1. */
export class GenerateError extends Error {
  override readonly name = 'GenerateError';
}
