import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { RUNTIMES, runUnder } from './run-under.ts';

const fixtures = join(new URL('.', import.meta.url).pathname, 'fixtures');

for (const runtime of RUNTIMES) {
  describe(`library and config layer under ${runtime}`, () => {
    it('imports src/index.ts and src/aws, reads config, logs JSON and builds clients', async () => {
      const result = await runUnder(runtime, join(fixtures, 'load-library.ts'), {
        env: { AWS_ENDPOINT_URL: 'http://127.0.0.1:4566', AWS_REGION: 'eu-west-1', DEV_MODE: '0', APP_DEBUG: '0' },
      });
      assert.equal(result.code, 0, result.stderr);
      const report = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
      assert.deepEqual(report, {
        exports: { workflow: 'function', isWorkflow: 'function', awsNamespace: 'function' },
        region: 'eu-west-1',
        endpoint: 'http://127.0.0.1:4566',
        forcePathStyle: true,
        configError: 'ConfigError: AWS_ENDPOINT_URL: must be an http:// or https:// URL, got "ftp://nope"',
      });
      const logLines = result.stderr.split('\n').filter((line) => line.startsWith('{'));
      assert.equal(logLines.length, 1, `one info line, no debug line: ${result.stderr}`);
      const line = JSON.parse(logLines[0]!);
      assert.equal(line.level, 'info');
      assert.equal(line.msg, 'runtime check');
      assert.equal(line.runtime, runtime);
    });

    it('logs pretty lines with DEV_MODE=1 and debug lines with APP_DEBUG=1', async () => {
      const result = await runUnder(runtime, join(fixtures, 'load-library.ts'), {
        env: { DEV_MODE: '1', APP_DEBUG: '1', AWS_ENDPOINT_URL: '' },
      });
      assert.equal(result.code, 0, result.stderr);
      assert.match(
        result.stderr,
        new RegExp(`^\\d\\d:\\d\\d:\\d\\d\\.\\d{3} INFO  runtime check runtime=${runtime}$`, 'm'),
      );
      assert.match(result.stderr, /^\d\d:\d\d:\d\d\.\d{3} DEBUG debug line$/m);
      assert.equal(JSON.parse(result.stdout.trim()).endpoint, null);
    });

    it('talks to LocalStack through the S3 client', async () => {
      const result = await runUnder(runtime, join(fixtures, 'list-buckets.ts'));
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout.trim()), { ok: true, status: 200 });
    });
  });
}
