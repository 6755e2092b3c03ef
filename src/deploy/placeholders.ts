import { DeployError } from './deploy-error.ts';

/** The tokens of docs/internal-contracts.md, "Placeholders in generated ASL". */
export type PlaceholderKind = 'activity' | 'queue' | 'queueArn' | 'bucket' | 'stateMachine';

const KINDS: readonly PlaceholderKind[] = ['activity', 'queue', 'queueArn', 'bucket', 'stateMachine'];

// Any `${word:name}` is taken as meant for deploy, so a misspelt kind is reported instead of shipped to AWS.
const TOKEN = /\$\{([A-Za-z]+):([^}]*)\}/g;

export interface Placeholder {
  readonly kind: PlaceholderKind;
  readonly name: string;
  /** Where in the definition, as a JSON path (`States.Publish.Parameters.QueueUrl`). */
  readonly path: string;
}

/** The logical names each kind may refer to. */
export type KnownNames = Readonly<Record<PlaceholderKind, ReadonlySet<string>>>;

/** Resolved values for each kind: logical name -> ARN, URL or physical name. */
export type PlaceholderValues = Readonly<Record<PlaceholderKind, ReadonlyMap<string, string>>>;

function visitStrings(value: unknown, path: string, visit: (text: string, path: string) => string): unknown {
  if (typeof value === 'string') return visit(value, path);
  if (Array.isArray(value)) return value.map((item, index) => visitStrings(item, `${path}[${index}]`, visit));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      // Keys may hold tokens too (rare, but SAM's substitutions allow it), so they are rewritten like values.
      copy[visit(key, path)] = visitStrings(item, path ? `${path}.${key}` : key, visit);
    }
    return copy;
  }
  return value;
}

function isKind(kind: string): kind is PlaceholderKind {
  return (KINDS as readonly string[]).includes(kind);
}

/** Every placeholder in a definition; throws on a token whose kind is none of the five. */
export function findPlaceholders(definition: unknown, source: string): Placeholder[] {
  const found: Placeholder[] = [];
  visitStrings(definition, '', (text, path) => {
    for (const match of text.matchAll(TOKEN)) {
      const [token, kind, name] = match as unknown as [string, string, string];
      if (!isKind(kind)) {
        throw new DeployError(
          `${source}: unknown placeholder kind in ${token} at ${path || '(top level)'}; use one of ${KINDS.map((k) => `\${${k}:name}`).join(', ')}`,
        );
      }
      found.push({ kind, name, path: path || '(top level)' });
    }
    return text;
  });
  return found;
}

function knownKey(kind: PlaceholderKind): PlaceholderKind {
  return kind === 'queueArn' ? 'queue' : kind;
}

/** Fails naming the first placeholder that refers to a resource the manifest does not declare. */
export function checkPlaceholders(definition: unknown, source: string, known: KnownNames): void {
  for (const placeholder of findPlaceholders(definition, source)) {
    const names = known[knownKey(placeholder.kind)];
    if (!names.has(placeholder.name)) {
      const list = [...names].sort().join(', ') || 'none';
      throw new DeployError(
        `${source}: \${${placeholder.kind}:${placeholder.name}} at ${placeholder.path} names no ${knownKey(placeholder.kind)} of the manifest (declared: ${list})`,
      );
    }
  }
}

/** The definition with every placeholder replaced; a value missing from `values` is a bug upstream, so it throws. */
export function substitutePlaceholders(definition: unknown, source: string, values: PlaceholderValues): unknown {
  return visitStrings(definition, '', (text, path) =>
    text.replace(TOKEN, (token, kind: string, name: string) => {
      const value = isKind(kind) ? values[kind].get(name) : undefined;
      if (value === undefined) throw new DeployError(`${source}: no value for ${token} at ${path || '(top level)'}`);
      return value;
    }),
  );
}

/** The other state machines a definition starts, so they can be deployed first. */
export function referencedStateMachines(definition: unknown, source: string): string[] {
  return findPlaceholders(definition, source)
    .filter((placeholder) => placeholder.kind === 'stateMachine')
    .map((placeholder) => placeholder.name);
}
