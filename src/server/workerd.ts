// The workerd (Cloudflare Workers) entry point: no file system and no process. The build folder comes bundled as a
// map of its files (src/edge writes the entry that passes it in), the settings come from the worker's bindings, and
// the SDK client is the browser build (fetch, explicit credentials). `stepforge serve --runtime workerd` runs it
// locally; `stepforge build-edge` writes it with a wrangler.toml.
import { SFNClient } from '@aws-sdk/client-sfn';
import type { Hono } from 'hono';
import { readAwsConfig } from '../aws/config.ts';
import { ConfigError } from '../aws/config-error.ts';
import { isLocalEndpoint, LOCAL_TEST_CREDENTIALS } from '../aws/local-endpoint.ts';
import { type Env, optionalString, requiredString } from '../aws/env.ts';
import { createLogger, loggerOptionsFromConfig } from '../aws/logger.ts';
import { type AppEnv, createApp } from './app.ts';
import { appSettingsFromEnv } from './app-settings.ts';
import { memoryBuildReader } from './catalog/index.ts';
import { HttpProblem, problemResponse } from './http/index.ts';
import type { AppOptions } from './options.ts';
import { sfnPortFromClient } from './sfn/index.ts';

/** A module worker's default export; the execution context Cloudflare passes third is not needed. */
export interface Worker {
  fetch(request: Request, env: Env): Promise<Response>;
}

/**
 * Credentials from the bindings (`AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_SESSION_TOKEN`): a worker has no
 * profile, SSO or instance role to ask. LocalStack's test pair stands in on a local endpoint, as on Node.
 */
function credentialsFromEnv(env: Env, endpoint: URL | undefined) {
  if (optionalString(env, 'AWS_ACCESS_KEY_ID') === undefined && isLocalEndpoint(endpoint))
    return LOCAL_TEST_CREDENTIALS;
  const sessionToken = optionalString(env, 'AWS_SESSION_TOKEN');
  return {
    accessKeyId: requiredString(env, 'AWS_ACCESS_KEY_ID'),
    secretAccessKey: requiredString(env, 'AWS_SECRET_ACCESS_KEY'),
    ...(sessionToken ? { sessionToken } : {}),
  };
}

/** The app's options from the worker's bindings: the same variables the Node entry reads from process.env. */
export function workerAppOptions(env: Env, files: Readonly<Record<string, string>>): AppOptions {
  const config = readAwsConfig(env);
  const sfn = new SFNClient({
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint.toString().replace(/\/$/, '') } : {}),
    credentials: credentialsFromEnv(env, config.endpoint),
  });
  return {
    ...appSettingsFromEnv(env, config),
    sfn: sfnPortFromClient(sfn),
    build: memoryBuildReader(files),
    // Workers have no stderr; console lines are what `wrangler tail` and workerd's own output show.
    logger: createLogger({ ...loggerOptionsFromConfig(config), write: (line) => console.log(line) }).child({
      component: 'server',
      runtime: 'workerd',
    }),
  };
}

/**
 * The worker for one build: the app is made on the first request (bindings arrive with requests, not at module load)
 * and kept for the isolate's life, so its caches work as in a long-running server. A worker has no start-up to fail:
 * a binding at fault answers every request with a 500 problem naming it (its value is not shown: it may be a secret).
 */
export function createWorker(files: Readonly<Record<string, string>>): Worker {
  let app: Hono<AppEnv> | undefined;
  return {
    async fetch(request, env) {
      if (!app) {
        try {
          app = createApp(workerAppOptions(env, files));
        } catch (error) {
          if (!(error instanceof ConfigError)) throw error;
          const detail = `${error.variable}: the worker's binding is missing or invalid (see wrangler.toml)`;
          return problemResponse(new HttpProblem(500, 'Internal Server Error', detail), new URL(request.url).pathname);
        }
      }
      return encodedByTheApp(await app.fetch(request));
    },
  };
}

/**
 * workerd reads a `Content-Encoding` header as an order to encode the body itself, so the console's gzipped bytes
 * would be gzipped twice; `encodeBody: 'manual'` says they already are (the Node, Bun and Deno servers send as is).
 */
function encodedByTheApp(response: Response): Response {
  if (!response.headers.has('content-encoding')) return response;
  const init: ResponseInit & { readonly encodeBody: 'manual' } = {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
    encodeBody: 'manual',
  };
  return new Response(response.body, init);
}
