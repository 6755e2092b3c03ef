// JSONPath mode: paths, reference paths, payload templates, and the Context object / variable / intrinsic lookups.
export { lookupPath } from './evaluate.ts';
export { evaluate, isIntrinsic, lookup, type PathScope } from './expression.ts';
export { parsePath } from './parse.ts';
export { placeAt } from './reference-path.ts';
export { applyTemplate } from './template.ts';
