/**
 * Server processes of the benchmarks (the hub, the floor), pinned to core 0 so the load generator,
 * pinned to core 1 by the npm scripts, does not take the server's CPU.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.join(__dirname, '..');

/** PostGraphile V5 declares Node 22 for `Promise.withResolvers`: this polyfill runs it on Node 20 (`-r`). */
export const POSTGRAPHILE_POLYFILL = path.join(root, 'bench', 'postgraphile', 'promise-with-resolvers.cjs');

/** A server process on core 0 (the load runs on core 1). */
export function startProcess(command: string[], env: Record<string, string>): ChildProcess {
  return spawn('taskset', ['-c', '0', ...command], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
}

const exited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (exited(child)) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exit;
}

export async function waitFor(url: string, method = 'GET'): Promise<void> {
  for (let attempt = 0; attempt < 300; attempt++) {
    try {
      await fetch(url, {
        method,
        headers: { 'content-type': 'application/json' },
        body: method === 'POST' ? '{}' : undefined,
      });
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`${url} did not answer`);
}
