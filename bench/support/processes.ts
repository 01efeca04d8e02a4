import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface Child {
  readonly process: ChildProcess;
  /** The last lines the process wrote, for an error message. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Child>();

// However the bench ends (an error, a signal, process.exit), no server it started outlives it.
process.on('exit', () => {
  for (const child of running) child.process.kill('SIGKILL');
});

/** Ends every child still running; for an interrupted or failed run. */
export async function stopAllChildren(): Promise<void> {
  await Promise.all([...running].map((child) => child.stop()));
}

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Runs a TypeScript file through tsx in its own process; `ipc` opens a process.send channel to it. */
export function startTsChild(file: string, args: string[], env: NodeJS.ProcessEnv = {}, nodeArgs: string[] = [], ipc = false): Child {
  const proc = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', file, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    process: proc,
    output: () => log,
    async stop() {
      running.delete(child);
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill('SIGTERM');
      const forced = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(forced);
    },
  };
  running.add(child);
  return child;
}

/** Polls `url` until it answers 200; fails early if the process exits. */
export async function waitUntilServing(child: Child, url: string, what: string, seconds = 90): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) {
      throw new Error(`${what} exited during start-up (${child.process.exitCode ?? child.process.signalCode}):\n${child.output().slice(-2000)}`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`${what} did not answer ${url} within ${seconds} s:\n${child.output().slice(-2000)}`);
}

/** Waits until the process has written `line` (its readiness signal); fails if it exits first. */
export async function waitForLine(child: Child, line: string, seconds = 60): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!child.output().includes(line)) {
    if (child.process.exitCode !== null || child.process.signalCode !== null) throw new Error(`A helper process exited during start-up:\n${child.output().slice(-2000)}`);
    if (Date.now() > deadline) throw new Error(`A helper process did not say "${line}" within ${seconds} s:\n${child.output().slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
