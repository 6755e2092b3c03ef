// The server as a Cloudflare Worker: bundling it for workerd, running it locally, the wrangler.toml to deploy it.
export { bundleWorker, COMPATIBILITY_DATE, COMPATIBILITY_FLAGS, WORKER_FILE, type WorkerBundle } from './bundle.ts';
export { startWorkerdServer } from './serve-workerd.ts';
export { bindingsFromEnv, WORKER_BINDINGS, type WorkerBindingName } from './worker-bindings.ts';
export { wranglerToml } from './wrangler-toml.ts';
