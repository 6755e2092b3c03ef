import { SendMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { JsonValue } from './payload.ts';

export interface ArchiveDescription {
  readonly bucket: string;
  readonly key: string;
  readonly size: number;
  readonly fileCount: number;
}

/** The body the archiver's consumers parse: field names and nesting are fixed by them (`archiver_URL` included). */
export function notificationBody(metadata: JsonValue | null, url: string, archive: ArchiveDescription): string {
  return JSON.stringify({
    metadata,
    substitutions: { archiver_URL: url },
    archive: { bucket: archive.bucket, key: archive.key, size: archive.size, fileCount: archive.fileCount },
  });
}

export async function sendNotification(
  sqs: SQSClient,
  queueUrl: string,
  body: string,
  signal: AbortSignal,
): Promise<string | undefined> {
  const response = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }), {
    abortSignal: signal,
  });
  return response.MessageId;
}
