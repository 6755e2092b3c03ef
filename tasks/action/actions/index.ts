// The built-in actions. A new action is one module in this folder exporting an ObjectAction or MessageBatchAction,
// plus one line in this list.
import type { Action } from '../action.ts';
import { dailyMergeAction } from './daily-merge.ts';
import { httpPostAction } from './http-post.ts';
import { s3CopyAction } from './s3-copy.ts';

export const builtInActions: readonly Action[] = [httpPostAction, s3CopyAction, dailyMergeAction];
