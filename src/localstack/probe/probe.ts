import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ACTIVITY_POLL_TIMEOUT_MS, createAwsClients, type Logger, readAwsConfig } from '../../aws/index.ts';
import { probePort } from '../health.ts';
import { probeAssign, probeJsonata, probeJsonataUuid } from './expression-features.ts';
import type { FeatureCheck, FeatureResult } from './feature-result.ts';
import { probeHistoryPaging } from './history-features.ts';
import { probeItemBatcher, probeItemReaderPaging, probeResultWriter } from './map-features.ts';
import type { ProbeContext } from './probe-context.ts';
import { probeActivities, probeWaitForTaskToken } from './task-features.ts';

/** The feature names of docs/internal-contracts.md ("Capability probe"); the generator reads them. */
export const PROBE_FEATURES = [
  'jsonata',
  'assign',
  'activities',
  'waitForTaskToken',
  'distributedMapS3ItemReaderMultiPage',
  'itemBatcher',
  'resultWriter',
  'jsonataUuid',
  'historyPaging',
] as const;

export type ProbeFeature = (typeof PROBE_FEATURES)[number];

export interface ProbeReport {
  readonly endpoint: string;
  readonly version: string;
  readonly features: Record<ProbeFeature, FeatureResult>;
}

const CHECKS: Record<ProbeFeature, FeatureCheck<ProbeContext>> = {
  jsonata: probeJsonata,
  assign: probeAssign,
  activities: probeActivities,
  waitForTaskToken: probeWaitForTaskToken,
  distributedMapS3ItemReaderMultiPage: probeItemReaderPaging,
  itemBatcher: probeItemBatcher,
  resultWriter: probeResultWriter,
  jsonataUuid: probeJsonataUuid,
  historyPaging: probeHistoryPaging,
};

async function versionAt(endpoint: string): Promise<string> {
  const port = Number(new URL(endpoint).port || 80);
  const state = await probePort(port);
  return state.kind === 'localstack' ? state.health.version : 'unknown';
}

/**
 * Runs one tiny state machine per feature, one after the other (the machine is shared), against `endpoint`. A check
 * that throws counts as unsupported with the error as its detail: the probe itself only fails when nothing answers.
 */
export async function runProbe(options: { endpoint: string; logger: Logger }): Promise<ProbeReport> {
  const config = readAwsConfig({ ...process.env, AWS_ENDPOINT_URL: options.endpoint });
  const context: ProbeContext = {
    clients: createAwsClients(config, { requestTimeoutMs: ACTIVITY_POLL_TIMEOUT_MS }),
    suffix: `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
    logger: options.logger,
  };
  const version = await versionAt(options.endpoint);
  const features = {} as Record<ProbeFeature, FeatureResult>;
  for (const feature of PROBE_FEATURES) {
    try {
      features[feature] = await CHECKS[feature](context);
    } catch (error) {
      // Parser errors list every expected token; the first line names the rejected field, which is what matters.
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      features[feature] = { supported: false, detail: `probe failed: ${message.slice(0, 160)}` };
    }
    options.logger.info('probed', { feature, ...features[feature] });
  }
  return { endpoint: options.endpoint, version, features };
}

export function writeProbeReport(report: ProbeReport, path: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
