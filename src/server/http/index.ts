export { bodyTooLarge, limitBody } from './body-limit.ts';
export { checkApiToken, requireBearer } from './bearer-auth.ts';
export { type Cursor, type CursorCodec, createCursorCodec } from './cursor.ts';
export { limitHeaders, MAX_HEADER_BYTES } from './header-limit.ts';
export { depthExceededAt, isJsonMediaType, MAX_JSON_DEPTH, parseJsonBody } from './json-body.ts';
export { refuseOtherMethods } from './method-not-allowed.ts';
export { HttpProblem, PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA, problemResponse } from './problem.ts';
export { sameOriginOnly } from './same-origin.ts';
