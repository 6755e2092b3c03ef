export { type FollowItem, type FollowOptions, followHistory } from './follow-history.ts';
export { type SseMessage, sseResponse } from './sse-response.ts';
