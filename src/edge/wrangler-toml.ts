import { COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, WORKER_FILE } from './bundle.ts';
import { WORKER_BINDINGS } from './worker-bindings.ts';

/** A TOML basic string. */
function tomlString(value: string): string {
  return JSON.stringify(value);
}

/**
 * wrangler.toml for deploying the bundled worker as it is (`no_bundle`: wrangler must not bundle it again with the
 * Node conditions). Only the region is written; the endpoint, credentials and token are secrets, listed as the
 * commands that set them.
 */
export function wranglerToml(options: { readonly name: string; readonly region: string | undefined }): string {
  const secrets = Object.entries(WORKER_BINDINGS)
    .filter(([, kind]) => kind === 'secret')
    .map(([name]) => `#   npx wrangler secret put ${name}`);
  return [
    '# Written by `stepforge build-edge`: the stepforge server as a Cloudflare Worker. Deploy with `npx wrangler deploy`.',
    `name = ${tomlString(options.name)}`,
    `main = ${tomlString(WORKER_FILE)}`,
    `compatibility_date = ${tomlString(COMPATIBILITY_DATE)}`,
    `compatibility_flags = [${COMPATIBILITY_FLAGS.map(tomlString).join(', ')}]`,
    'no_bundle = true',
    '',
    '# Secrets, set once per worker and never written here (AWS_ENDPOINT_URL only for an AWS-compatible endpoint;',
    '# AWS_SESSION_TOKEN only with temporary credentials; STEPFORGE_CURSOR_SECRET keeps paging cursors valid',
    "# across the worker's isolates):",
    ...secrets,
    '',
    '[vars]',
    ...(options.region ? [`AWS_REGION = ${tomlString(options.region)}`] : []),
    '# STEPFORGE_ALLOWED_ORIGINS = "https://console.example.com"',
    '',
  ].join('\n');
}
