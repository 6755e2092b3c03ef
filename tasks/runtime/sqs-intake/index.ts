// The task containers' one SQS intake: receive with slots, keep invisible while worked on, delete in batches.
export { runSqsIntake, type SqsIntakeOptions } from './intake.ts';
export type { IntakeHandler, IntakeSummary, MessageOutcome } from './outcome.ts';
export {
  DEFAULT_VISIBILITY,
  VisibilityExtender,
  type VisibilityOptions,
  visibilityFor,
} from './visibility-extender.ts';
