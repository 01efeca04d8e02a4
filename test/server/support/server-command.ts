import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export interface CommandResult { code: number | null; stdout: string; stderr: string }

/** Runs `teamchat-server <args>` from the source (server/main.ts under tsx), without DATABASE_URL unless given. */
export function teamchatServer(args: string[], env: Record<string, string> = {}): Promise<CommandResult> {
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, TEAMCHAT_LOG_LEVEL: 'warn' };
  delete fullEnv.DATABASE_URL;
  delete fullEnv.TEAMCHAT_DATA_DIR;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'server', 'main.ts'), ...args], {
      cwd: ROOT, env: { ...fullEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
