// Runs the `teamchat` CLI in this process, as a script would: stdout and stderr captured, the
// passphrase from TEAMCHAT_PASSPHRASE, nothing read from the terminal.
import { runCli } from '../../../client/cli/main';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runTeamchat(argv: string[], env: Record<string, string>): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const sink = (append: (text: string) => void) => ({ isTTY: false, write: (chunk: string | Uint8Array) => { append(String(chunk)); return true; } }) as unknown as NodeJS.WriteStream;
  const code = await runCli({
    argv, env: { PATH: process.env.PATH, ...env }, stdin: process.stdin, interrupted: new Promise<void>(() => undefined),
    stdout: sink((text) => (stdout += text)), stderr: sink((text) => (stderr += text)),
  });
  return { code, stdout, stderr };
}
