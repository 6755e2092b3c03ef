import type { StandaloneContext, TaskDefinition } from '../runtime/task.ts';
import { readZipArchiveConfig } from './config.ts';
import { createArchive, type ZipArchiveOutput } from './create-archive.ts';
import { runZipArchiveFromQueue } from './from-queue.ts';
import { type ZipArchivePayload, parseZipArchivePayload } from './payload.ts';

/** The Media Archiver as a task container: `stepforge worker zip-archive` (activity or queue dispatch). */
export const zipArchiveTask: TaskDefinition<ZipArchivePayload, ZipArchiveOutput> = {
  name: 'zip-archive',
  errorPrefix: 'ZipArchive',
  parseInput: parseZipArchivePayload,
  run: (input, context) => createArchive(input, { ...context, config: readZipArchiveConfig(context.env) }),
  checkEnvironment: (env) => {
    readZipArchiveConfig(env);
  },
  runFromQueue: async (context: StandaloneContext) => {
    await runZipArchiveFromQueue({
      clients: context.clients,
      logger: context.logger,
      env: context.env,
      stopTaking: context.stopTaking,
      hardStop: context.hardStop,
      concurrency: context.concurrency,
    });
  },
};
