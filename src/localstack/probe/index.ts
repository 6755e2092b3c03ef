export type { FeatureResult } from './feature-result.ts';
export { PROBE_FEATURES, type ProbeFeature, type ProbeReport, runProbe, writeProbeReport } from './probe.ts';
