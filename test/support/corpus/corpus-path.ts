// The ASL corpus: real definitions from LocalStack's Step Functions tests (Apache-2.0, see
// test/fixtures/asl-corpus/README.md and its LICENSE). Vendored so that the coverage tests run on any clone, with or
// without the workplace's shared/ folder beside it; never skipped.
export const ASL_CORPUS_DIR = new URL('../../fixtures/asl-corpus/localstack/', import.meta.url).pathname;
