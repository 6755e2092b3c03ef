import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { PROBE_FEATURES, type ProbeReport } from '../../src/localstack/index.ts';

const root = new URL('../..', import.meta.url).pathname;

describe('stepforge localstack probe', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'sf-probe-'));
  after(() => rmSync(stateDir, { recursive: true, force: true }));

  it('records every documented feature in probe.json and prints the same report', () => {
    const result = spawnSync(process.execPath, [join(root, 'bin/stepforge.mjs'), 'localstack', 'probe'], {
      cwd: root,
      env: { ...process.env, STEPFORGE_STATE_DIR: stateDir },
      encoding: 'utf8',
      timeout: 300_000,
    });
    assert.equal(result.status, 0, result.stderr);
    const printed = JSON.parse(result.stdout) as ProbeReport;
    const written = JSON.parse(readFileSync(join(stateDir, 'localstack', 'probe.json'), 'utf8')) as ProbeReport;
    assert.deepEqual(printed, written);
    assert.equal(written.endpoint, new URL(process.env.AWS_ENDPOINT_URL!).origin);
    assert.match(written.version, /^\d{4}\.\d+\.\d+$/);
    assert.deepEqual(Object.keys(written.features).sort(), [...PROBE_FEATURES].sort());
    for (const [feature, result] of Object.entries(written.features)) {
      assert.equal(typeof result.supported, 'boolean', feature);
      assert.ok(result.detail.length > 0, `${feature} has a detail`);
    }
    // What this project relies on and the pinned LocalStack provides.
    for (const feature of ['jsonata', 'assign', 'activities'] as const) {
      assert.equal(written.features[feature].supported, true, `${feature}: ${written.features[feature].detail}`);
    }
    // Known gaps of the pinned 2026.3.0, read in its source: the probe must report them rather than claim support.
    if (written.version !== '2026.3.0') return;
    assert.equal(written.features.jsonataUuid.supported, false, written.features.jsonataUuid.detail);
    assert.equal(written.features.itemBatcher.supported, false, written.features.itemBatcher.detail);
  });
});
