// The JSON values a run passes between states, and the helpers every part of the runner needs on them.
import type { JsonObject, JsonValue } from '../dsl/asl-types.ts';

export type { JsonObject, JsonValue };

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A deep copy, so that no state can change a value another state (or the caller) still holds. */
export function cloneJson<T extends JsonValue>(value: T): T {
  return value === null || typeof value !== 'object' ? value : (structuredClone(value) as T);
}

export function jsonEquals(left: JsonValue, right: JsonValue): boolean {
  if (left === right) return true;
  if (typeof left !== 'object' || typeof right !== 'object' || left === null || right === null) return false;
  if (Array.isArray(left) !== Array.isArray(right)) return false;
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((item, index) => jsonEquals(item, right[index] as JsonValue));
  }
  const leftObject = left as JsonObject;
  const rightObject = right as JsonObject;
  const keys = Object.keys(leftObject);
  return (
    keys.length === Object.keys(rightObject).length &&
    keys.every((key) => key in rightObject && jsonEquals(leftObject[key] as JsonValue, rightObject[key] as JsonValue))
  );
}

/** Step Functions serialises payloads compactly; history events and size checks use this text. */
export function toJsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

/**
 * A number read through a `...Path` field: Step Functions takes a numeric string there too (LocalStack's
 * AWS-validated snapshot `map_state_reference_in_max_concurrency_path` assigns `"1"` and runs), anything else as is.
 */
export function numberFromPath(value: JsonValue | undefined): JsonValue | undefined {
  return typeof value === 'string' && /^\d+(\.\d+)?$/.test(value) ? Number(value) : value;
}
