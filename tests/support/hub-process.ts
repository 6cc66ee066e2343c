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

/** The hub's process as launched, whether it comes to serve or not. */
export interface LaunchedHub {
  child: ChildProcess;
  /** Every log line so far, parsed. */
  logs: Record<string, unknown>[];
  /** The exit code (null after a signal), once the process has exited. */
  exited: Promise<number | null>;
  /** The first log line that `matches`, once written; rejects if the process exits without it. */
  line(matches: (entry: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
}

/** Launches the hub with `env` added to this process's environment (an `undefined` value removes a variable). */
export function launchHub(env: Record<string, string | undefined>, options: HubProcessOptions = {}): LaunchedHub {
  const merged: NodeJS.ProcessEnv = {
    ...process.env,
    // Not jest's `test`: Apollo Server, for one, handles termination signals only outside tests.
    NODE_ENV: undefined,
    LOG_LEVEL: 'info',
    TS_NODE_SWC: 'true',
    // No metrics port unless a test asks for one: hubs of test files running side by side would share 9464.
    METRICS_PORT: '0',
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
  const waiting: {
    matches: (entry: Record<string, unknown>) => boolean;
    found: (entry: Record<string, unknown>) => void;
  }[] = [];
  let failedToStart: Error | undefined;
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    // A process that could not start (its Node out of the user's reach, say) never exits.
    child.once('error', (error) => {
      failedToStart = error;
      resolve(null);
    });
  });
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines) {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      for (const waiter of waiting) if (waiter.matches(entry)) waiter.found(entry);
    }
  });
  return {
    child,
    logs,
    exited,
    line: (matches) =>
      new Promise((resolve, reject) => {
        const logged = logs.find(matches);
        if (logged) return resolve(logged);
        waiting.push({ matches, found: resolve });
        void exited.then((code) =>
          reject(
            new Error(
              failedToStart
                ? `the hub could not start: ${failedToStart.message}`
                : `the hub exited with ${code} before logging the line awaited`,
            ),
          ),
        );
      }),
  };
}

/** Starts the hub with `env` added to this process's environment (an `undefined` value removes a variable). */
export async function startHubProcess(
  env: Record<string, string | undefined>,
  options: HubProcessOptions = {},
): Promise<HubProcess> {
  const { child, logs, exited, line } = launchHub(env, options);
  const serving = await line((entry) => entry.msg === 'dutyhub is serving GraphQL');
  return {
    child,
    url: serving.url as string,
    logs,
    stop: () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

/** The towns a hub serves, with their items' counts: what a started hub answers on the seed. */
export async function townItems(url: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ towns { name items { totalCount } } }' }),
  });
  return ((await response.json()) as { data: unknown }).data;
}
