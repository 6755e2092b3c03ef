// Runs the CLI's main() in this process with its output captured: for usage errors and help, which end before a
// command touches anything (no child process, no tsx start-up per case).
import { main } from '../../../src/cli/main.ts';

export interface InProcessResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function mainInProcess(argv: readonly string[]): Promise<InProcessResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}
