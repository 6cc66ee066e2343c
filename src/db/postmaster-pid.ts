/**
 * postmaster.pid, the lock file PostgreSQL keeps in the folder of a running cluster: its first
 * line is the server's pid, its fourth the port it listens on (PostgreSQL's pidfile.h).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export interface Postmaster {
  pid: number;
  port: number;
}

/** The server that holds `clusterDir`, if its lock file names a process that is alive. */
export async function runningPostmaster(clusterDir: string): Promise<Postmaster | undefined> {
  let text: string;
  try {
    text = await readFile(path.join(clusterDir, 'postmaster.pid'), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const lines = text.split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  return alive(pid) ? { pid, port } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user (the postgres user, when we are not root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
