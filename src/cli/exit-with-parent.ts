/**
 * A process started by `stepforge dev` (worker, serve) gets `STEPFORGE_EXIT_WITH_PARENT=1` and a stdin pipe from the
 * dev loop. The pipe closes when the loop is gone, however it went (SIGKILL, crash, a closed terminal), so the child
 * then stops the way SIGTERM stops it: workers finish or fail in-flight work within their grace period.
 * Linux has no portable parent-death signal from Node; the pipe is the dependable one, on Node, Bun and Deno.
 */
export function exitWithParent(env: Readonly<Record<string, string | undefined>> = process.env): void {
  if (env.STEPFORGE_EXIT_WITH_PARENT !== '1' || process.stdin.isTTY) return;
  let left = false;
  // One signal only: a worker takes a second one as "cut the grace period short".
  const leave = () => {
    if (left) return;
    left = true;
    process.kill(process.pid, 'SIGTERM');
  };
  process.stdin.once('end', leave);
  process.stdin.once('close', leave);
  process.stdin.on('error', leave);
  process.stdin.resume();
  // Watching the pipe must not keep a finished command alive.
  (process.stdin as { unref?: () => void }).unref?.();
}
