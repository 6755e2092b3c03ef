// zip-archive: the Media Archiver as a task container. The runtime registers `zipArchiveTask`; the worker command's
// `--from-queue` flag calls `runZipArchiveFromQueue`.
export { zipArchiveTask } from './zip-archive-task.ts';
export { runZipArchiveFromQueue, type ZipArchiveQueueOptions, type ZipArchiveQueueSummary } from './from-queue.ts';
export { createArchive, resolveSources, type CreateArchiveContext, type ZipArchiveOutput } from './create-archive.ts';
export { readZipArchiveConfig, type ZipArchiveConfig } from './config.ts';
export { parseZipArchivePayload, type ZipArchivePayload, type ZipArchiveFileRequest } from './payload.ts';
export { ZipArchiveErrors } from './errors.ts';
export { createZipWriter, needsZip64, type ZipEntrySource, type ZipSummary, type ZipWriter } from './zip-writer.ts';
