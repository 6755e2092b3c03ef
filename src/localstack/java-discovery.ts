import { existsSync, readdirSync, readFileSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { type Env, processEnv } from '../aws/index.ts';
import { LocalStackError } from './localstack-error.ts';

/** LocalStack asks for Java 21; the JSONata jar is Java 11 bytecode, so any JDK from 11 up runs it. */
const MINIMUM_JAVA = 11;
const PREFERRED_JAVA = 21;

export interface JavaHome {
  readonly home: string;
  readonly major: number;
  readonly foundBy: string;
}

function majorVersion(home: string): number | undefined {
  try {
    const release = readFileSync(join(home, 'release'), 'utf8');
    const version = /^JAVA_VERSION="([^"]+)"/m.exec(release)?.[1];
    if (!version) return undefined;
    const [first, second] = version.split('.').map(Number);
    return first === 1 ? second : first;
  } catch {
    return undefined;
  }
}

/** jpype loads the JVM library directly, so a JRE without it (or a bare `java` on PATH) is of no use. */
function hasJvmLibrary(home: string): boolean {
  return ['lib/server/libjvm.so', 'lib/server/libjvm.dylib', 'lib/libjli.dylib'].some((file) =>
    existsSync(join(home, file)),
  );
}

function systemJdkHomes(): string[] {
  const homes: string[] = [];
  for (const root of ['/usr/lib/jvm', '/Library/Java/JavaVirtualMachines']) {
    let entries: string[] = [];
    try {
      entries = readdirSync(root);
    } catch {
      continue;
    }
    for (const entry of entries.sort()) {
      const home = join(root, entry);
      homes.push(existsSync(join(home, 'Contents', 'Home')) ? join(home, 'Contents', 'Home') : home);
    }
  }
  return homes;
}

/** Closest to 21 wins: 21, then older LTSs down to 11, then newer ones. */
function preference(major: number): number {
  return major <= PREFERRED_JAVA ? PREFERRED_JAVA - major : 100 + major;
}

/** STEPFORGE_JAVA_HOME, then JAVA_HOME, then the machine's JDKs; the explicit ones win even if older. */
export function findJavaHome(env: Env = processEnv()): JavaHome {
  const refused: string[] = [];
  const explicit = [
    { home: env.STEPFORGE_JAVA_HOME?.trim(), foundBy: 'STEPFORGE_JAVA_HOME' },
    { home: env.JAVA_HOME?.trim(), foundBy: 'JAVA_HOME' },
  ];
  const usable = (home: string, foundBy: string): JavaHome | undefined => {
    const major = majorVersion(home);
    if (major === undefined) refused.push(`${home} (${foundBy}): no readable release file`);
    else if (major < MINIMUM_JAVA) refused.push(`${home} (${foundBy}): Java ${major} is older than ${MINIMUM_JAVA}`);
    else if (!hasJvmLibrary(home)) refused.push(`${home} (${foundBy}): no lib/server/libjvm`);
    else return { home: realpathSync(home), major, foundBy };
    return undefined;
  };
  for (const { home, foundBy } of explicit) {
    if (!home) continue;
    const found = usable(home, foundBy);
    if (found) return found;
  }
  const seen = new Set<string>();
  const system: JavaHome[] = [];
  for (const home of systemJdkHomes()) {
    const real = realpathSync(home);
    if (seen.has(real)) continue;
    seen.add(real);
    const found = usable(home, 'system JDK');
    if (found) system.push(found);
  }
  system.sort((a, b) => preference(a.major) - preference(b.major));
  if (system[0]) return system[0];
  throw new LocalStackError(
    `JSONata in LocalStack needs a JDK >= ${MINIMUM_JAVA} (set STEPFORGE_JAVA_HOME); tried: ${refused.join('; ') || 'none found'}`,
  );
}
