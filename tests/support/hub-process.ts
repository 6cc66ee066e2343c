/**
 * The hub as users run it: src/main.ts in a process of its own (through ts-node), its JSON log
 * lines collected, stopped by a signal. For tests of what only a real process shows: start-up,
 * shutdown, the entry point's telemetry.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..', '..');

export interface HubProcess {
  child: ChildProcess;
  url: string;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  /** SIGTERM, then the exit code once the process has shut down. */
  stop(): Promise<number | null>;
}

export interface HubProcessOptions {
  /** The checkout to run: its src/main.ts, and the working folder (default: this one). */
  checkout?: string;
  /** Run as this user rather than as this process's. */
  user?: { uid: number; gid: number };
}

/** Starts the hub with `env` added to this process's environment (an `undefined` value removes a variable). */
export async function startHubProcess(
  env: Record<string, string | undefined>,
  options: HubProcessOptions = {},
): Promise<HubProcess> {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    // Not jest's `test`: Apollo Server, for one, handles termination signals only outside tests.
    NODE_ENV: undefined,
    LOG_LEVEL: 'info',
    TS_NODE_SWC: 'true',
    ...env,
  };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: options.checkout ?? root,
    env: merged,
    ...options.user,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'dutyhub is serving GraphQL') resolve(entry.url as string);
      }
    });
    void exited.then((code) => reject(new Error(`the hub exited with ${code} before serving`)));
  });
  return {
    child,
    url,
    logs,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}
