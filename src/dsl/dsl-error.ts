import { formatLocation, type SourceLocation } from './call-site.ts';

/** A mistake in a workflow definition, thrown at the call that made it, naming every call site involved. */
export class DslError extends Error {
  override readonly name = 'DslError';
  readonly locations: readonly SourceLocation[];

  constructor(message: string, ...locations: SourceLocation[]) {
    const where = locations.map(formatLocation).join(' and ');
    super(where ? `${message} (${where})` : message);
    this.locations = locations;
  }
}
