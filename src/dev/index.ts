// The dev loop behind `stepforge dev` / `npm start`.
export { type DevOptions, runDevLoop } from './dev-loop.ts';
export { sampleFromSchema, shellQuote } from './sample-input.ts';
