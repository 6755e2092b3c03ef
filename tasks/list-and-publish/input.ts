import type {
  IncludedField,
  ListAndPublishInput as ListAndPublishInputContract,
  ParsedInput,
} from '../../src/contracts/index.ts';
import { InputReader } from '../runtime/input-fields.ts';

export const ERROR_PREFIX = 'ListAndPublish';

export type { IncludedField };
const INCLUDABLE: readonly IncludedField[] = ['size', 'etag'];

/** The contract's input with `include` defaulted to none (field docs: src/contracts). */
export type ListAndPublishInput = ParsedInput<ListAndPublishInputContract, 'include'>;

export function parseListAndPublishInput(raw: unknown): ListAndPublishInput {
  const read = new InputReader(ERROR_PREFIX);
  const input = read.record(raw);
  const include = read.optionalStringList(input, 'include') ?? [];
  include.forEach((field, index) => {
    if (!(INCLUDABLE as readonly string[]).includes(field)) {
      read.fail(`include[${index}]`, `must be one of ${INCLUDABLE.join(', ')}, got "${field}"`);
    }
  });
  const messageGroupId = read.optionalString(input, 'messageGroupId');
  if (messageGroupId !== undefined && !/^[\x21-\x7e]{1,128}$/.test(messageGroupId)) {
    read.fail('messageGroupId', 'must be 1 to 128 printable ASCII characters without spaces');
  }
  return {
    bucket: read.string(input, 'bucket'),
    prefix: read.optionalString(input, 'prefix'),
    startAfter: read.optionalString(input, 'startAfter'),
    maxObjects: read.optionalInteger(input, 'maxObjects', 0, Number.MAX_SAFE_INTEGER),
    queueUrl: read.httpUrl(input, 'queueUrl'),
    messageGroupId,
    include: include as IncludedField[],
  };
}
