// zip-archive: peak memory and throughput of the streaming archiver against a raw copy of the same bytes, both
// measured in this run on this machine, each in a child process of its own so its peak RSS is its alone.
//
//   node --import tsx bench/zip.ts [--sizes 256,1024]
//
// For each size (MiB) 200 objects are put into LocalStack S3 once (bucket stepforge-bench-zip, reused by later
// runs). Then, per size, in fresh child processes:
//   raw: GetObject of every object, one after another, streamed into ONE multipart Upload (no zip): the baseline;
//   zip: the zip-archive task's own code (createArchive: HeadObject, lazy GetObject, archiver, multipart Upload).
// Printed: MiB/s of each, zip/raw ratio (goal >= 60%), peak RSS of the zip worker (goal < 256 MiB, and within 10%
// between the sizes, where an in-memory zip grows with the archive).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import {
  CreateBucketCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { createAwsClients, createLogger } from '../src/aws/index.ts';
import { createArchive } from '../tasks/zip-archive/create-archive.ts';
import { parseZipArchivePayload } from '../tasks/zip-archive/payload.ts';
import { readZipArchiveConfig } from '../tasks/zip-archive/config.ts';
import { useLocalStackDefaults } from './support.ts';

useLocalStackDefaults();

const BUCKET = 'stepforge-bench-zip';
const OBJECTS = 200;
const MiB = 1024 * 1024;

type Mode = 'idle' | 'raw' | 'zip';

interface ChildResult {
  readonly mode: Mode;
  readonly bytes: number;
  readonly ms: number;
  /** Peak resident set of the child process, MiB (VmHWM, or maxRSS where /proc is missing). */
  readonly peakRssMiB: number;
}

function keysFor(sizeMiB: number): string[] {
  return Array.from({ length: OBJECTS }, (_, index) => `${sizeMiB}m/object-${String(index).padStart(3, '0')}.bin`);
}

function peakRssMiB(): number {
  try {
    const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]) / 1024;
  } catch {
    // Not Linux: fall back to the portable counter.
  }
  return process.resourceUsage().maxRSS / 1024;
}

async function ensureObjects(sizeMiB: number): Promise<void> {
  const { s3 } = createAwsClients();
  await s3.send(new CreateBucketCommand({ Bucket: BUCKET })).catch(() => undefined);
  const keys = keysFor(sizeMiB);
  const objectSize = Math.floor((sizeMiB * MiB) / OBJECTS);
  const listed = await s3.send(new ListObjectsV2Command({ Bucket: BUCKET, Prefix: `${sizeMiB}m/` }));
  const present = new Set(
    (listed.Contents ?? []).filter((object) => object.Size === objectSize).map((object) => object.Key),
  );
  const missing = keys.filter((key) => !present.has(key));
  if (missing.length === 0) return;
  process.stderr.write(
    `putting ${missing.length} objects of ${objectSize} bytes into s3://${BUCKET}/${sizeMiB}m/ ...\n`,
  );
  // One random block rotated per object: incompressible like media, without generating GiBs of randomness.
  const block = Buffer.alloc(objectSize);
  for (let index = 0; index < objectSize; index += 4)
    block.writeUInt32LE((Math.random() * 0xffffffff) >>> 0, Math.min(index, objectSize - 4));
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const index = next++;
      const body = Buffer.concat([block.subarray(index % objectSize), block.subarray(0, index % objectSize)]);
      await s3.send(new PutObjectCommand({ Bucket: BUCKET, Key: missing[index]!, Body: body }));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** The baseline: the same bytes, GetObject after GetObject, into one multipart upload with the same part settings. */
async function rawCopy(sizeMiB: number, targetKey: string): Promise<number> {
  const { s3 } = createAwsClients();
  const body = new PassThrough({ highWaterMark: MiB });
  const upload = new Upload({
    client: s3,
    params: { Bucket: BUCKET, Key: targetKey, Body: body },
    partSize: 8 * MiB,
    queueSize: 4,
  });
  const uploading = upload.done();
  let bytes = 0;
  for (const key of keysFor(sizeMiB)) {
    const object = await s3.send(new GetObjectCommand({ Bucket: BUCKET, Key: key }));
    for await (const chunk of object.Body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (!body.write(chunk)) await new Promise((resolve) => body.once('drain', resolve));
    }
  }
  body.end();
  await uploading;
  return bytes;
}

async function zipCopy(sizeMiB: number, requestId: string): Promise<{ bytes: number; key: string }> {
  const clients = createAwsClients();
  const config = readZipArchiveConfig({
    ARCHIVE_BASE_URL: 'https://bench.example.com',
    S3_SOURCE_BUCKET: BUCKET,
    S3_DESTINATION_BUCKET: BUCKET,
    S3_FILE_PREFIX: 'bench',
  });
  const payload = parseZipArchivePayload({ files: keysFor(sizeMiB).map((source) => ({ source })) });
  const output = await createArchive(payload, {
    clients,
    logger: createLogger({ pretty: false, level: 'warn' }),
    config,
    requestId,
    signal: new AbortController().signal,
    heartbeat: async () => {},
  });
  return { bytes: output.size, key: output.key };
}

async function child(mode: Mode, sizeMiB: number): Promise<void> {
  const { s3 } = createAwsClients();
  if (mode === 'idle') {
    // The floor under both: Node, the tsx loader, the AWS SDK and archiver loaded, no work done.
    process.stdout.write(`${JSON.stringify({ mode, bytes: 0, ms: 0, peakRssMiB: peakRssMiB() })}\n`);
    return;
  }
  const started = performance.now();
  let bytes: number;
  let key: string;
  if (mode === 'raw') {
    key = `out/raw-${sizeMiB}-${process.pid}.bin`;
    bytes = await rawCopy(sizeMiB, key);
  } else {
    ({ bytes, key } = await zipCopy(sizeMiB, `bench-${sizeMiB}-${process.pid}`));
  }
  const ms = performance.now() - started;
  const result: ChildResult = { mode, bytes, ms, peakRssMiB: peakRssMiB() };
  await s3.send(new DeleteObjectCommand({ Bucket: BUCKET, Key: key }));
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function runChild(mode: Mode, sizeMiB: number): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(import.meta.url);
    const proc = spawn(process.execPath, ['--import', 'tsx', script, '--child', mode, String(sizeMiB)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, NODE_NO_WARNINGS: '1' },
    });
    let out = '';
    proc.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    proc.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').pop()!))
        : reject(new Error(`${mode} ${sizeMiB} MiB exited ${code}`)),
    );
  });
}

const mibPerSecond = (result: ChildResult): number => result.bytes / MiB / (result.ms / 1000);

async function main(): Promise<void> {
  const sizesArg = process.argv.indexOf('--sizes');
  const sizes = (sizesArg > 0 ? process.argv[sizesArg + 1]! : '256,1024').split(',').map(Number);
  for (const size of sizes) await ensureObjects(size);
  const idle = await runChild('idle', 0);
  console.log(`idle child (Node + tsx + AWS SDK + archiver loaded): peak RSS ${idle.peakRssMiB.toFixed(0)} MiB`);
  const peaks: number[] = [];
  for (const size of sizes) {
    const raw = await runChild('raw', size);
    const zip = await runChild('zip', size);
    peaks.push(zip.peakRssMiB);
    console.log(
      `${String(size).padStart(5)} MiB in ${OBJECTS} objects | raw copy ${mibPerSecond(raw).toFixed(1)} MiB/s (peak RSS ${raw.peakRssMiB.toFixed(0)} MiB)` +
        ` | zip ${mibPerSecond(zip).toFixed(1)} MiB/s, ${zip.bytes} bytes (peak RSS ${zip.peakRssMiB.toFixed(0)} MiB)` +
        ` | zip/raw throughput ${((mibPerSecond(zip) / mibPerSecond(raw)) * 100).toFixed(0)}% (goal >= 60%)`,
    );
  }
  if (peaks.length > 1) {
    const spread = (Math.max(...peaks) / Math.min(...peaks) - 1) * 100;
    console.log(
      `zip peak RSS across sizes: ${peaks.map((peak) => peak.toFixed(0)).join(' / ')} MiB, spread ${spread.toFixed(1)}% (goals: < 256 MiB, spread <= 10%)`,
    );
  }
}

if (process.argv[2] === '--child') await child(process.argv[3] as Mode, Number(process.argv[4]));
else await main();
