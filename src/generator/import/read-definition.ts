// The text of a definition file -> its JSON value. `.json`, `.json5` and `.asl.json` files are read as JSON5 (a
// superset of JSON: comments, trailing commas), `.yaml`/`.yml` as YAML.
import JSON5 from 'json5';
import { parse as parseYaml } from 'yaml';
import type { JsonValue } from '../../dsl/asl-types.ts';
import { ImportError } from './import-error.ts';

export function readDefinition(text: string, fileName: string): JsonValue {
  const yaml = /\.ya?ml$/i.test(fileName);
  let value: unknown;
  try {
    value = yaml ? parseYaml(text) : JSON5.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportError(`${fileName}: not valid ${yaml ? 'YAML' : 'JSON'}: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ImportError(
      `${fileName}: a definition must be an object, got ${Array.isArray(value) ? 'an array' : value === null ? 'null' : typeof value}`,
    );
  }
  return value as JsonValue;
}
