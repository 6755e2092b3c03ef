// ItemReader `InputType: PARQUET`: each row of the Parquet file is one item, an object of its columns. The reader is
// `hyparquet` (pure JS), an optional peer dependency loaded here on first use, so a test that never reads Parquet
// neither installs nor loads it. Values JSON cannot hold are made JSON: a 64-bit integer is a number when it is
// safe, else its decimal string; a date or timestamp its ISO string; bytes their UTF-8 text.
import type { JsonObject, JsonValue } from '../../json.ts';

export async function parquetItems(body: Uint8Array): Promise<JsonValue[]> {
  let hyparquet: typeof import('hyparquet');
  try {
    hyparquet = await import('hyparquet');
  } catch {
    throw new Error(
      'reading InputType PARQUET needs the optional package hyparquet: npm install --save-dev hyparquet@1.31.5',
    );
  }
  // An ArrayBuffer of exactly the object's bytes (a Uint8Array may be a view into a larger one).
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer;
  const rows = await hyparquet.parquetReadObjects({ file });
  return rows.map((row) => toJson(row) as JsonObject);
}

function toJson(value: unknown): JsonValue {
  if (typeof value === 'bigint')
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  if (Array.isArray(value)) return value.map(toJson);
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, toJson(inner)]));
  if (value === undefined) return null;
  return value as JsonValue;
}
