import type { JsonValue, ZipArchiveInput } from '../../src/contracts/index.ts';
import { invalidPayload } from './errors.ts';
import { type SourceLocation, parseSourceLocation } from './source-location.ts';

export type { JsonValue };

/** One of the contract's `files`, with its source located and its destination normalised. */
export interface ZipArchiveFileRequest {
  /** As the caller wrote it: reported back in errors so they can find it in their payload. */
  readonly source: string;
  readonly location: SourceLocation;
  /** Normalised: no empty or `.` segments, no trailing slash. */
  readonly destination: string | undefined;
}

/** The archiver's request (the contract's ZipArchiveInput), validated: every later step may trust it. */
export interface ZipArchivePayload extends Record<keyof ZipArchiveInput, unknown> {
  readonly files: readonly ZipArchiveFileRequest[];
  readonly metadata: JsonValue | null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describeType(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Validates a destination folder or path. Refused rather than cleaned up, because a silently "fixed" path would put
 * the file somewhere the caller did not ask for.
 */
export function parseDestination(value: string, field: string): string | undefined {
  if (value.includes('\\')) throw invalidPayload(field, `"${value}" contains a backslash; use "/" between folders`);
  if (value.startsWith('/') || /^[A-Za-z]:/.test(value)) throw invalidPayload(field, `"${value}" is an absolute path`);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters in a path is the point of this check
  if (/[\u0000-\u001f]/.test(value)) throw invalidPayload(field, `"${value}" contains a control character`);
  const segments = value.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.includes('..')) throw invalidPayload(field, `"${value}" contains a ".." segment`);
  return segments.length === 0 ? undefined : segments.join('/');
}

function parseFile(raw: unknown, index: number): ZipArchiveFileRequest {
  const field = `files[${index}]`;
  if (!isRecord(raw)) throw invalidPayload(field, `must be an object with a "source", got ${describeType(raw)}`);
  const { source, destination } = raw;
  if (typeof source !== 'string')
    throw invalidPayload(`${field}.source`, `must be a string, got ${describeType(source)}`);
  const location = parseSourceLocation(source, `${field}.source`);
  if (destination !== undefined && destination !== null && typeof destination !== 'string') {
    throw invalidPayload(`${field}.destination`, `must be a string, got ${describeType(destination)}`);
  }
  const parsedDestination =
    typeof destination === 'string' ? parseDestination(destination, `${field}.destination`) : undefined;
  return { source, location, destination: parsedDestination };
}

/**
 * Validates the archiver payload `{ files: [{ source, destination? }], metadata? }` before any byte is read.
 * Accepts the JSON text too (an SQS body). Unknown fields are ignored, as the service it replaces did.
 */
export function parseZipArchivePayload(raw: unknown): ZipArchivePayload {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch (error) {
      throw invalidPayload('payload', `is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (!isRecord(value)) throw invalidPayload('payload', `must be a JSON object, got ${describeType(value)}`);
  const { files, metadata } = value;
  if (files === undefined || files === null) throw invalidPayload('files', 'is required');
  if (!Array.isArray(files)) throw invalidPayload('files', `must be an array, got ${describeType(files)}`);
  if (files.length === 0) throw invalidPayload('files', 'must contain at least one file');
  return {
    files: files.map((file, index) => parseFile(file, index)),
    metadata: metadata === undefined ? null : (metadata as JsonValue),
  };
}
