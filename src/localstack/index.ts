// The project-local LocalStack: install, lifecycle and capability probe.
export { LocalStackError } from './localstack-error.ts';
export { DEFAULT_PORT, type LocalStackPaths, localStackPaths, REQUIREMENTS_LOCK, stateRoot } from './state-paths.ts';
export { findPython, MINIMUM_PYTHON, type PythonInterpreter, pythonCandidates } from './python-discovery.ts';
export { findJavaHome, type JavaHome } from './java-discovery.ts';
export { ensureInstalled, type InstallResult } from './install.ts';
export {
  endpointFor,
  type LocalStackHealth,
  missingServices,
  probeEndpoint,
  probePort,
  REQUIRED_SERVICES,
  STARTED_SERVICES,
} from './health.ts';
export { recordedProcess } from './recorded-process.ts';
export { type StartOptions, type StartResult, startLocalStack } from './start.ts';
export { parseServiceList, servicesToRun } from './services.ts';
export { type StopResult, stopLocalStack } from './stop.ts';
export { type LocalStackStatus, localStackStatus } from './status.ts';
export { PROBE_FEATURES, type ProbeFeature, type ProbeReport, runProbe, writeProbeReport } from './probe/index.ts';
export {
  liveStackRecords,
  projectPath,
  removeStackRecord,
  type StackRecord,
  writeStackRecord,
} from './stack-record.ts';
export { findRunningStack, type RunningStack } from './discovery.ts';
