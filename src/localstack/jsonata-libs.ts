import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { Logger } from '../aws/index.ts';
import { findJavaHome, type JavaHome } from './java-discovery.ts';
import { LocalStackError } from './localstack-error.ts';
import { runCommand } from './run-command.ts';

/**
 * LocalStack evaluates JSONata in a JVM through jpype. On first use its package manager would download Temurin 21
 * from GitHub and four jars from Maven Central into `<static libs>/{java/21, jsonata/0.9.7}`, and it skips both when
 * their marker files exist (`java/21/bin/java`, `jsonata/0.9.7/jsonata-0.9.7.jar`; see
 * localstack/services/stepfunctions/packages.py and localstack/packages/java.py). So we put the machine's JDK and
 * Maven-resolved jars exactly there before start, and no download is attempted at run time.
 */
export const JSONATA_VERSION = '0.9.7';
export const JACKSON_VERSION = '2.16.2';
/** The Java version key LocalStack looks up, whatever the JDK behind it (the jar runs on 11+). */
export const LOCALSTACK_JAVA_KEY = '21';

export const JSONATA_ARTIFACTS = [
  { group: 'com.dashjoin', artifact: 'jsonata', version: JSONATA_VERSION },
  { group: 'com.fasterxml.jackson.core', artifact: 'jackson-core', version: JACKSON_VERSION },
  { group: 'com.fasterxml.jackson.core', artifact: 'jackson-annotations', version: JACKSON_VERSION },
  { group: 'com.fasterxml.jackson.core', artifact: 'jackson-databind', version: JACKSON_VERSION },
] as const;

/** Maven Central, or a mirror (STEPFORGE_MAVEN_URL) for networks that only reach one. */
function mavenBaseUrl(): string {
  return (process.env.STEPFORGE_MAVEN_URL?.trim() || 'https://repo.maven.apache.org/maven2').replace(/\/$/, '');
}

function artifactPath(item: (typeof JSONATA_ARTIFACTS)[number]): string {
  return `${item.group.replace(/\./g, '/')}/${item.artifact}/${item.version}/${jarName(item)}`;
}

export interface JsonataLibs {
  readonly java: JavaHome;
  readonly jarsDir: string;
}

function jarName(item: (typeof JSONATA_ARTIFACTS)[number]): string {
  return `${item.artifact}-${item.version}.jar`;
}

function jarsComplete(dir: string): boolean {
  return JSONATA_ARTIFACTS.every((item) => existsSync(join(dir, jarName(item))));
}

/** A pom listing the four jars lets one Maven run fetch them all (one JVM start instead of four). */
function pomXml(): string {
  const dependencies = JSONATA_ARTIFACTS.map(
    (item) =>
      `    <dependency><groupId>${item.group}</groupId><artifactId>${item.artifact}</artifactId><version>${item.version}</version></dependency>`,
  ).join('\n');
  return `<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>stepforge</groupId><artifactId>localstack-jsonata-libs</artifactId><version>1</version>
  <dependencies>
${dependencies}
  </dependencies>
</project>
`;
}

async function fetchWithMaven(workDir: string, outDir: string, logFile: string): Promise<boolean> {
  writeFileSync(join(workDir, 'pom.xml'), pomXml());
  const result = await runCommand(
    'mvn',
    [
      '-q',
      '-B',
      '-f',
      join(workDir, 'pom.xml'),
      'dependency:copy-dependencies',
      `-DoutputDirectory=${outDir}`,
      '-DexcludeTransitive=true',
    ],
    { logFile, timeoutMs: 300_000 },
  );
  return result.code === 0 && jarsComplete(outDir);
}

/** Jars a previous Maven build left in the local repository cost no download at all. */
function copyFromLocalRepository(outDir: string): boolean {
  const repository = join(homedir(), '.m2', 'repository');
  if (!JSONATA_ARTIFACTS.every((item) => existsSync(join(repository, artifactPath(item))))) return false;
  for (const item of JSONATA_ARTIFACTS) copyFileSync(join(repository, artifactPath(item)), join(outDir, jarName(item)));
  return true;
}

/**
 * The four files straight from Maven Central, each checked against its published SHA-1: ~2 s, where one `mvn`
 * run takes 20 s with a warm ~/.m2 and 60 s with a cold one (plugin downloads).
 */
async function fetchFromCentral(outDir: string): Promise<void> {
  for (const item of JSONATA_ARTIFACTS) {
    const url = `${mavenBaseUrl()}/${artifactPath(item)}`;
    const [jar, sha1] = await Promise.all([fetch(url), fetch(`${url}.sha1`)]);
    if (!jar.ok || !sha1.ok) throw new LocalStackError(`could not download ${url}: HTTP ${jar.status}/${sha1.status}`);
    const bytes = Buffer.from(await jar.arrayBuffer());
    const expected = (await sha1.text()).trim().split(/\s+/)[0];
    const actual = createHash('sha1').update(bytes).digest('hex');
    if (actual !== expected)
      throw new LocalStackError(`${url}: SHA-1 ${actual} does not match the published ${expected}`);
    writeFileSync(join(outDir, jarName(item)), bytes);
  }
}

function linkPointsTo(link: string, target: string): boolean {
  try {
    return lstatSync(link).isSymbolicLink() && readlinkSync(link) === target;
  } catch {
    return false;
  }
}

/** Idempotent: links the JDK and fetches the jars only when they are missing or the JDK changed. */
export async function ensureJsonataLibs(libsDir: string, logFile: string, logger: Logger): Promise<JsonataLibs> {
  const java = findJavaHome();
  const javaLink = join(libsDir, 'java', LOCALSTACK_JAVA_KEY);
  if (!linkPointsTo(javaLink, java.home)) {
    mkdirSync(join(libsDir, 'java'), { recursive: true });
    rmSync(javaLink, { recursive: true, force: true });
    symlinkSync(java.home, javaLink);
    logger.info('linked JDK for LocalStack JSONata', {
      javaHome: java.home,
      javaMajor: java.major,
      foundBy: java.foundBy,
    });
  }

  const jarsDir = join(libsDir, 'jsonata', JSONATA_VERSION);
  if (!jarsComplete(jarsDir)) {
    const workDir = `${jarsDir}.partial`;
    rmSync(workDir, { recursive: true, force: true });
    const outDir = join(workDir, 'jars');
    mkdirSync(outDir, { recursive: true });
    logger.info('fetching JSONata jars for LocalStack', { artifacts: JSONATA_ARTIFACTS.map(jarName) });
    if (!copyFromLocalRepository(outDir)) {
      try {
        await fetchFromCentral(outDir);
      } catch (error) {
        // mvn knows settings.xml (proxies, mirrors) that a plain download does not.
        logger.warn('direct download failed; trying mvn', { error, logFile });
        if (!(await fetchWithMaven(workDir, outDir, logFile))) throw error;
      }
    }
    // Jars land in a side folder first: LocalStack treats the jsonata jar as "installed", so it must appear last.
    rmSync(jarsDir, { recursive: true, force: true });
    mkdirSync(jarsDir, { recursive: true });
    const names = readdirSync(outDir).sort(
      (a, b) => Number(a.startsWith('jsonata-')) - Number(b.startsWith('jsonata-')),
    );
    for (const name of names) copyFileSync(join(outDir, name), join(jarsDir, name));
    rmSync(workDir, { recursive: true, force: true });
  }
  return { java, jarsDir };
}

/** LocalStack (host mode) reads static libs from `<FILESYSTEM_ROOT>/usr/lib/localstack`: point it at the shared libs. */
export function linkLibsIntoVolume(libsDir: string, volumeDir: string): void {
  const staticLibs = join(volumeDir, 'usr', 'lib', 'localstack');
  if (linkPointsTo(staticLibs, libsDir)) return;
  mkdirSync(join(volumeDir, 'usr', 'lib'), { recursive: true });
  rmSync(staticLibs, { recursive: true, force: true });
  symlinkSync(libsDir, staticLibs);
}
