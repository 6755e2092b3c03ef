export { type FollowItem, type FollowOptions, followHistory } from './follow-history.ts';
export { type StreamHistoryOptions, streamHistory } from './stream-history.ts';
