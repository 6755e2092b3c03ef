// Payload templates (Parameters, ResultSelector, ItemSelector, Assign in JSONPath mode): a field whose name ends in
// `.$` takes the value its expression selects, under the name without the suffix; every other value is copied.
import { StatesError, STATES } from '../errors.ts';
import { isJsonObject, type JsonObject, type JsonValue } from '../json.ts';
import { lookup, type PathScope } from './expression.ts';

export function applyTemplate(template: JsonValue, scope: PathScope, field: string): JsonValue {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, scope, field));
  if (!isJsonObject(template)) return template;
  const result: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$')) {
      if (typeof value !== 'string') {
        throw new StatesError(STATES.Runtime, `The value of the field '${key}' in ${field} must be a path string`);
      }
      const found = lookup(value, scope);
      if (!found.found) {
        throw new StatesError(
          STATES.Runtime,
          `The JSONPath '${value}' specified for the field '${key}' could not be found in the input '${JSON.stringify(scope.data)}'`,
        );
      }
      result[key.slice(0, -2)] = found.value;
    } else result[key] = applyTemplate(value, scope, field);
  }
  return result;
}
