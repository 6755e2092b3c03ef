/**
 * A deploy that cannot go on: a missing or malformed build folder, an ASL placeholder naming nothing, a resource the
 * account holds in a shape deploy cannot change. Raised before any write whenever the problem is knowable up front.
 */
export class DeployError extends Error {
  override readonly name = 'DeployError';
}
