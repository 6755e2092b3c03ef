/** Plain JSON, the only shape the generator reads from a workflow's `toAsl()` or from an ASL file. */
export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A structural copy; asl-validator mutates what it is given, so it only ever sees one of these. */
export function deepCopy<T extends JsonValue>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
