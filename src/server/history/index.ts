// The steps fold lives in src/contracts/steps (the in-process runner folds its events with it too); re-exported here
// for the server's routes.
export * from '../../contracts/steps/index.ts';
export { historySource, readWholeHistory } from './read-history.ts';
