import { awsErrorDetail, isAccessDenied } from '../runtime/aws-error.ts';
import { TaskError } from '../runtime/task-error.ts';

/** The error names a workflow's Retry/Catch can match; fixed, because users write them into their definitions. */
export const ZipArchiveErrors = {
  invalidPayload: 'ZipArchive.InvalidPayload',
  sourceNotAllowed: 'ZipArchive.SourceNotAllowed',
  sourceNotFound: 'ZipArchive.SourceNotFound',
  sourceChanged: 'ZipArchive.SourceChanged',
  accessDenied: 'ZipArchive.AccessDenied',
  sizeMismatch: 'ZipArchive.SizeMismatch',
  cancelled: 'ZipArchive.Cancelled',
} as const;

export function invalidPayload(field: string, problem: string): TaskError {
  return new TaskError(ZipArchiveErrors.invalidPayload, `${field}: ${problem}`);
}

/** True for the failures that no retry can fix because the request itself is wrong. */
export function isRequestRejection(error: unknown): error is TaskError {
  return (
    error instanceof TaskError &&
    (error.error === ZipArchiveErrors.invalidPayload || error.error === ZipArchiveErrors.sourceNotAllowed)
  );
}

/**
 * A refusal of the archive's own requests (listing and writing the destination, sending the notification) as
 * `ZipArchive.AccessDenied` saying what was refused; other errors pass through unchanged.
 */
export function deniedAs(doing: string, error: unknown): unknown {
  if (error instanceof TaskError || !isAccessDenied(error)) return error;
  return new TaskError(ZipArchiveErrors.accessDenied, `${doing} was refused: ${awsErrorDetail(error)}`);
}
