import { randomBytes } from 'node:crypto';

/** The bytes around one streamed file in a multipart/form-data body: everything but the file itself. */
export interface MultipartFrame {
  readonly contentType: string;
  /** The text fields, then the file part's headers. */
  readonly head: Buffer;
  /** The file part's end and the closing boundary. */
  readonly tail: Buffer;
}

// Escaping and line-break normalisation as the WHATWG form encoding (and so fetch's FormData, which this action used
// to send) does them: receivers that parsed those bodies parse these the same way.
const escapeQuoted = (value: string): string => value.replace(/\n/g, '%0A').replace(/\r/g, '%0D').replace(/"/g, '%22');
const crlf = (value: string): string => value.replace(/\r?\n|\r/g, '\r\n');

/**
 * The frame of a form with `fields` (text) and one file part `fileField` named `fileName`, so the file can be
 * streamed between `head` and `tail` and the body's length is known up front (head + file size + tail).
 */
export function multipartFrame(
  fields: Readonly<Record<string, string>>,
  fileField: string,
  fileName: string,
): MultipartFrame {
  const boundary = `----stepforge-${randomBytes(16).toString('hex')}`;
  let head = '';
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(crlf(name))}"\r\n\r\n${crlf(value)}\r\n`;
  }
  head +=
    `--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(crlf(fileField))}"; ` +
    `filename="${escapeQuoted(fileName)}"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  return {
    contentType: `multipart/form-data; boundary=${boundary}`,
    head: Buffer.from(head, 'utf8'),
    tail: Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'),
  };
}
