import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { validateAgainstSchema } from '../../src/json-schema/index.ts';
import { invalidInput } from '../runtime/task-error.ts';
import { isStandardSchema, type StandardSchemaV1 } from './standard-schema.ts';

/**
 * What a user's `params` or `input` may be: a JSON Schema literal (typed through json-schema-to-ts, validated by the
 * project's one validator, src/json-schema) or a Standard Schema validator (zod, valibot, arktype...).
 */
export type InputSchema = JSONSchema | StandardSchemaV1;

/** The value a caller writes (in the DSL, on the wire): a Standard Schema's input, a JSON Schema's type. */
export type SchemaInput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferInput<S>
  : S extends JSONSchema
    ? FromSchema<S>
    : never;

/** The value `run` receives: a Standard Schema's output (after its transforms), a JSON Schema's type. */
export type SchemaOutput<S> = S extends StandardSchemaV1
  ? StandardSchemaV1.InferOutput<S>
  : S extends JSONSchema
    ? FromSchema<S>
    : never;

/** `action.params` + `[0]`/`.name` segments, as the JSON Schema issues and the built-in readers write field paths. */
function fieldPath(root: string, path: StandardSchemaV1.Issue['path']): string {
  let text = root;
  for (const segment of path ?? []) {
    const key = typeof segment === 'object' && segment !== null ? segment.key : segment;
    if (typeof key === 'number') text += `[${key}]`;
    else text += text === '' ? String(key) : `.${String(key)}`;
  }
  return text || 'input';
}

/**
 * Checks `value` against the schema and returns what `run` gets. The first issue becomes `<prefix>.InvalidInput`
 * naming its field from `root` (`action.params.name: is required`), the shape every task's validation throws.
 */
export function parseWithSchema<S extends InputSchema>(
  schema: S,
  value: unknown,
  errorPrefix: string,
  root: string,
): SchemaOutput<S> {
  if (isStandardSchema(schema)) {
    const result = schema['~standard'].validate(value);
    if (result instanceof Promise) {
      throw invalidInput(
        errorPrefix,
        root || 'input',
        'its schema validates asynchronously, which tasks do not support',
      );
    }
    if (result.issues) {
      const [first] = result.issues;
      throw invalidInput(errorPrefix, fieldPath(root, first?.path), first?.message ?? 'is invalid');
    }
    return result.value as SchemaOutput<S>;
  }
  const [first] = validateAgainstSchema(schema as object, value, root);
  if (first) throw invalidInput(errorPrefix, first.path || root || 'input', first.message);
  return value as SchemaOutput<S>;
}
