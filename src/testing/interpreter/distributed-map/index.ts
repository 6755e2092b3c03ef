export { type ChildExecution, type MapRun, runChildExecution } from './child-execution.ts';
export { batchItems } from './item-batcher.ts';
export { readItemsFromS3 } from './item-reader.ts';
export { type ChildRun, writeResults } from './result-writer.ts';
export { readToleranceLimits, type ToleranceLimits, toleratedFailures } from './tolerance.ts';
