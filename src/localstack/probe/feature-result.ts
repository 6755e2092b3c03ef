export interface FeatureResult {
  readonly supported: boolean;
  /** What was run and what came back, in one line. */
  readonly detail: string;
}

export type FeatureCheck<Context> = (context: Context) => Promise<FeatureResult>;
