/**
 * CPU time the hub spends per request, for one operation: the server's user + system time
 * (/proc/<pid>/stat) across a fixed number of requests, in rounds; prints each round and the
 * minimum and median. Steadier than requests per second on a shared machine, since it does not
 * count the time the server waits for the database or for the CPU.
 *   node -r ts-node/register/transpile-only bench/cpu-per-request.ts --operation lookup --scale 1
 * Needs `npm run build:server` and the benchmark database of the scale (`npm run bench -- --prepare-only`).
 * With `--cpu-prof DIR` the server also writes a V8 CPU profile of the whole run to DIR.
 */
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pino from 'pino';
import { benchPostgres, prepareDatabase } from './bench-database';
import { operations, requestBody } from './operations';
import { cpuMeter, postmasterOf } from './process-cpu';
import { hubServer, postgraphileServer, startServer, stopProcess, waitFor } from './server-process';

const PORT = 4611;

async function main() {
  const { values } = parseArgs({
    options: {
      operation: { type: 'string', default: 'lookup' },
      scale: { type: 'string', default: '1' },
      requests: { type: 'string', default: '3000' },
      rounds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '8' },
      /** `postgraphile`: its closest request to the operation, on the same database. */
      server: { type: 'string', default: 'hub' },
      /** A directory: the server writes a V8 CPU profile there when it stops (read it with bench/profile-summary.ts, or as a flame graph in Chrome's DevTools). */
      'cpu-prof': { type: 'string' },
      /** A directory: the hub writes a sampled profile of its allocations there, garbage included (bench/allocation-profile.cjs; read it with bench/profile-summary.ts). */
      'allocation-prof': { type: 'string' },
      /** The hub's response cache: `off` (every request executed, as the benchmark runs it) or `memory` (the default store). */
      'response-cache': { type: 'string', default: 'off' },
    },
  });
  const scale = Number(values.scale);
  const operation = operations(scale).find((each) => each.name === values.operation);
  if (!operation) throw new Error(`no operation ${values.operation}`);
  const logger = pino({ level: 'warn' });
  const postgres = await benchPostgres(logger);
  const url = await prepareDatabase(postgres.url, scale, logger);
  const postgraphile = values.server === 'postgraphile';
  const request = postgraphile ? operation.postgraphile : operation;
  if (!request) throw new Error(`PostGraphile has no request for ${operation.name}`);
  const server = postgraphile
    ? postgraphileServer(url, PORT)
    : hubServer(url, values['response-cache'] as string, PORT);
  const child = startServer(
    server,
    [
      ...(values['cpu-prof'] ? ['--cpu-prof', '--cpu-prof-dir', values['cpu-prof']] : []),
      ...(values['allocation-prof'] ? ['-r', './bench/allocation-profile.cjs'] : []),
    ],
    values['allocation-prof'] ? { ALLOCATION_PROFILE_DIR: values['allocation-prof'] } : {},
  );
  try {
    await waitFor(server.ready.url, server.ready.method);
    const load = (amount: number) =>
      autocannon({
        url: `http://127.0.0.1:${PORT}/graphql`,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: requestBody(request),
        connections: Number(values.connections),
        amount,
      });
    await load(Number(values.requests));
    const postmaster = await postmasterOf(url);
    const perRequest: number[] = [];
    const database: number[] = [];
    for (let round = 0; round < Number(values.rounds); round++) {
      const meter = cpuMeter(child.pid as number, postmaster);
      const result = await load(Number(values.requests));
      const cpu = meter.perRequest(Number(values.requests));
      if (result.non2xx || result.errors) throw new Error(`${result.non2xx} non-2xx, ${result.errors} errors`);
      perRequest.push(cpu.server);
      if (cpu.database !== null) database.push(cpu.database);
      process.stdout.write(
        `round ${round + 1}: ${cpu.server.toFixed(3)} ms CPU per request (PostgreSQL ${cpu.database?.toFixed(3) ?? '?'})\n`,
      );
    }
    const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    process.stdout.write(
      `${operation.name} at ${scale}: min ${Math.min(...perRequest).toFixed(3)}, median ${median(perRequest).toFixed(3)} ms CPU per request` +
        (database.length ? `; PostgreSQL median ${median(database).toFixed(3)}\n` : '\n'),
    );
  } finally {
    await stopProcess(child);
    await postgres.stop();
  }
}

main().catch((error) => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
