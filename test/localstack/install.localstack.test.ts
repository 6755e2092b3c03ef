import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { JACKSON_VERSION, JSONATA_VERSION, LOCALSTACK_JAVA_KEY } from '../../src/localstack/jsonata-libs.ts';
import {
  findJavaHome,
  findPython,
  localStackPaths,
  pythonCandidates,
  REQUIREMENTS_LOCK,
} from '../../src/localstack/index.ts';
import { readRequirementsLock } from '../../src/localstack/requirements-lock.ts';
import { localStackEnvironment } from '../../src/localstack/runtime-env.ts';
import { findSitePackages } from '../../src/localstack/venv-hooks.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sf-install-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** A stand-in interpreter that reports a chosen version, so the tests do not depend on what the machine has. */
function fakePython(version: string): string {
  const path = join(scratch, `python-${version}`);
  writeFileSync(path, `#!/bin/sh\necho ${version}\necho /opt/fake/python${version}\n`);
  chmodSync(path, 0o755);
  return path;
}

describe('python discovery', () => {
  it('takes STEPFORGE_PYTHON when it is new enough', async () => {
    const found = await findPython({ STEPFORGE_PYTHON: fakePython('3.13.2') });
    assert.equal(found.version, '3.13.2');
    assert.equal(found.executable, '/opt/fake/python3.13.2');
    assert.equal(found.foundBy, 'STEPFORGE_PYTHON');
  });

  it('names what it tried when STEPFORGE_PYTHON is too old or missing', async () => {
    const old = fakePython('3.12.1');
    await assert.rejects(findPython({ STEPFORGE_PYTHON: old }), {
      message: `LocalStack needs Python >= 3.13 (set STEPFORGE_PYTHON to one); tried: ${old} (STEPFORGE_PYTHON): version 3.12.1 is too old`,
    });
    await assert.rejects(
      findPython({ STEPFORGE_PYTHON: '/nonexistent/python3' }),
      /tried: \/nonexistent\/python3 \(STEPFORGE_PYTHON\): /,
    );
  });

  it('tries PATH names, then pyenv versions >= 3.13 newest first, then python3', () => {
    const pyenvRoot = join(scratch, 'pyenv');
    for (const version of ['3.9.18', '3.12.1', '3.13.0', '3.14.1', '3.13.10'])
      mkdirSync(join(pyenvRoot, 'versions', version), { recursive: true });
    const candidates = pythonCandidates({ PYENV_ROOT: pyenvRoot });
    const pyenv = candidates
      .filter((candidate) => candidate.foundBy.startsWith('pyenv'))
      .map((candidate) => candidate.foundBy);
    assert.deepEqual(pyenv, ['pyenv 3.14.1', 'pyenv 3.13.10', 'pyenv 3.13.0']);
    assert.equal(candidates[0]!.command, 'python3.19');
    assert.ok(
      candidates.findIndex((candidate) => candidate.command === 'python3.13') <
        candidates.findIndex((candidate) => candidate.foundBy === 'pyenv 3.14.1'),
    );
    assert.equal(candidates.at(-1)!.command, 'python3');
  });
});

describe('requirements lock', () => {
  it('pins localstack-core 2026.3.0 and the cbor2 that still has cbor2._decoder', () => {
    const lock = readFileSync(REQUIREMENTS_LOCK, 'utf8');
    assert.match(lock, /^localstack-core==2026\.3\.0$/m);
    assert.match(lock, /^cbor2==5\./m);
    for (const line of lock.split('\n').filter((entry) => entry && !entry.startsWith('#')))
      assert.match(line, /^[A-Za-z0-9_.-]+(\[[^\]]+\])?==\S+$/, line);
  });

  it('drops an argparse pin and hashes the file as committed', () => {
    const path = join(scratch, 'lock.txt');
    writeFileSync(path, 'argparse==1.4.0\nboto3==1.0\n');
    const lock = readRequirementsLock(path);
    assert.equal(lock.text, 'boto3==1.0\n');
    assert.equal(lock.sha256, createHash('sha256').update('argparse==1.4.0\nboto3==1.0\n').digest('hex'));
    writeFileSync(path, 'argparse==1.4.0\nboto3==1.1\n');
    assert.notEqual(readRequirementsLock(path).sha256, lock.sha256, 'a changed lock has a new hash, so it reinstalls');
  });
});

describe('java discovery', () => {
  function fakeJdk(name: string, version: string, withJvm = true): string {
    const home = join(scratch, name);
    mkdirSync(join(home, 'lib', 'server'), { recursive: true });
    writeFileSync(join(home, 'release'), `JAVA_VERSION="${version}"\n`);
    if (withJvm) writeFileSync(join(home, 'lib', 'server', 'libjvm.so'), '');
    return home;
  }

  it('takes STEPFORGE_JAVA_HOME when it is a JDK >= 11 with libjvm', () => {
    const home = fakeJdk('jdk17', '17.0.9');
    const found = findJavaHome({ STEPFORGE_JAVA_HOME: home });
    assert.equal(found.major, 17);
    assert.equal(found.foundBy, 'STEPFORGE_JAVA_HOME');
  });

  it('passes over a Java 8 home and one without libjvm', () => {
    const java8 = fakeJdk('jdk8', '1.8.0_392');
    const noJvm = fakeJdk('jre-nojvm', '21.0.1', false);
    try {
      const found = findJavaHome({ STEPFORGE_JAVA_HOME: java8, JAVA_HOME: noJvm });
      assert.notEqual(found.home, java8);
      assert.notEqual(found.home, noJvm);
    } catch (error) {
      assert.match((error as Error).message, /Java 8 is older than 11.*no lib\/server\/libjvm/);
    }
  });
});

describe('JSONata provisioning matches the installed LocalStack', () => {
  it('uses the versions and Java key that localstack/services/stepfunctions/packages.py asks for', (context) => {
    const site = findSitePackages(localStackPaths().venv);
    if (!site) {
      context.skip('LocalStack is not installed in this checkout yet');
      return;
    }
    const source = readFileSync(join(site, 'localstack', 'services', 'stepfunctions', 'packages.py'), 'utf8');
    assert.match(source, new RegExp(`JSONATA_DEFAULT_VERSION = "${JSONATA_VERSION}"`));
    assert.match(source, new RegExp(`JACKSON_DEFAULT_VERSION = "${JACKSON_VERSION}"`));
    assert.match(source, new RegExp(`self.java_version = "${LOCALSTACK_JAVA_KEY}"`));
  });
});

describe('LocalStack process environment', () => {
  it('forces host mode in the project volume, the port, the services and no AWS endpoint leak', () => {
    const paths = localStackPaths(4599);
    const env = localStackEnvironment(paths, 4599, { AWS_ENDPOINT_URL: 'http://elsewhere', PATH: '/usr/bin' });
    assert.equal(env.OVERRIDE_IN_DOCKER, '0');
    assert.equal(env.FILESYSTEM_ROOT, paths.volume);
    assert.equal(env.GATEWAY_LISTEN, '127.0.0.1:4599');
    assert.equal(env.GATEWAY_SERVER, 'twisted');
    assert.equal(env.STEPFORGE_LISTEN_HOST, '127.0.0.1');
    assert.equal(env.STEPFORGE_ACTIVITY_POLL_SECONDS, '0.05');
    assert.equal(env.STEPFORGE_ACTIVITY_HANDOFF, '1');
    assert.equal(env.SERVICES, 's3,sqs,stepfunctions,sts');
    assert.equal(env.DNS_ADDRESS, '0');
    assert.equal(env.IN_MEMORY_CLIENT, '1');
    assert.equal(env.LS_LOG, 'warn');
    assert.equal(localStackEnvironment(paths, 4599, { LS_LOG: 'debug' }).LS_LOG, 'debug');
    assert.equal(env.AWS_ENDPOINT_URL, undefined);
    assert.equal(env.PATH, '/usr/bin');
    assert.ok(paths.volume.endsWith('volume-4599') && paths.pidFile.endsWith('localstack-4599.pid'));
    assert.ok(localStackPaths(4566).pidFile.endsWith('localstack.pid'));
  });
});
