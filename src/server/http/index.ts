export { constantTimeEqual, requireBearer } from './bearer-auth.ts';
export { type Cursor, decodeCursor, encodeCursor } from './cursor.ts';
export { HttpProblem, PROBLEM_CONTENT_TYPE, PROBLEM_SCHEMA, problemResponse } from './problem.ts';
