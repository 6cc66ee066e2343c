/**
 * CPU time spent by a benchmark's processes, read from /proc: the server's, PostgreSQL's (every
 * process of its postmaster) and the load generator's (this process). Requests per second on a
 * two-core machine mix working with waiting; CPU per request tells them apart: a server that
 * answers fewer requests at the same CPU per request waited (for PostgreSQL, or for a core).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks (USER_HZ) are 10 ms on Linux. */
const TICK_MS = 10;

/** Fields of /proc/<pid>/stat after the command's name (proc(5) numbers them from 3). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  } catch {
    return null; // the process has gone
  }
}

/** A process's user + system time in ms; with `exitedChildren`, also that of its children it has waited for. */
export function cpuMilliseconds(pid: number, exitedChildren = false): number {
  const fields = statFields(pid);
  if (!fields) return 0;
  // utime, stime, cutime, cstime: fields 14 to 17 of proc(5).
  const own = Number(fields[11]) + Number(fields[12]);
  return (exitedChildren ? own + Number(fields[13]) + Number(fields[14]) : own) * TICK_MS;
}

/**
 * All of PostgreSQL's CPU in ms: the postmaster, its running processes (backends, checkpointer,
 * autovacuum) and the backends that have exited (counted in the postmaster's children's time).
 */
export function postgresCpuMilliseconds(postmaster: number): number {
  let total = cpuMilliseconds(postmaster, true);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === postmaster) total += cpuMilliseconds(pid);
  }
  return total;
}

/**
 * The postmaster of the PostgreSQL serving `url`: the parent of a backend. Null when that backend
 * is not a process of this machine (a remote server), whose CPU cannot be read here.
 */
export async function postmasterOf(url: string): Promise<number | null> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const backend = rows[0].pid;
    // A remote server's backend pid may name some other process here: check it is PostgreSQL's.
    const fields = statFields(backend);
    const local = fields !== null && readFileSync(`/proc/${backend}/comm`, 'utf8').trim() === 'postgres';
    return local ? Number(fields[1]) : null;
  } finally {
    await client.end();
  }
}

/** CPU ms per request of one measured stretch, by process; database null where it is not local. */
export interface CpuPerRequest {
  server: number;
  database: number | null;
  loadGenerator: number;
}

/** Starts counting the CPU of a server, PostgreSQL and this process; `perRequest` ends the stretch. */
export function cpuMeter(server: number, postmaster: number | null): { perRequest(requests: number): CpuPerRequest } {
  const read = () => ({
    server: cpuMilliseconds(server),
    database: postmaster === null ? null : postgresCpuMilliseconds(postmaster),
    loadGenerator: process.cpuUsage(),
  });
  const before = read();
  return {
    perRequest(requests) {
      const after = read();
      const load = process.cpuUsage(before.loadGenerator);
      return {
        server: (after.server - before.server) / requests,
        database:
          after.database === null || before.database === null ? null : (after.database - before.database) / requests,
        loadGenerator: (load.user + load.system) / 1000 / requests,
      };
    },
  };
}
