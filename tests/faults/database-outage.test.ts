/**
 * PostgreSQL stopped under load and started again: requests fail with SERVICE_UNAVAILABLE (never
 * a 5xx, never a crash) while it is down, and the same hub process serves again once it is back.
 */
import { spawn } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { MikroORM } from '@mikro-orm/postgresql';
import pino from 'pino';
import { initORM, migrate } from '../../src/db/orm';
import { createServer, type HubServer } from '../../src/http/server';
import { documentsIn, importFiles } from '../../src/ingest/import-files';
import { freePort } from '../support/free-port';

const logger = pino({ level: 'silent' });
let dataDir: string;
let port: number;
let postgres: { url: string; stop(): Promise<void> };
let orm: MikroORM;
let hub: HubServer;
let url: string;

/** PostgreSQL in a process of its own (tests/support/postgres-process.ts), stopped with SIGTERM. */
function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    [
      '-r',
      'ts-node/register/transpile-only',
      path.join(__dirname, '..', 'support', 'postgres-process.ts'),
      dataDir,
      String(port),
    ],
    { env: { ...process.env, TS_NODE_SWC: 'true' }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return new Promise((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) =>
      resolve({
        url: chunk.toString().trim(),
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
        },
      }),
    );
    void exited.then(() => reject(new Error('PostgreSQL did not start')));
  });
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dutyhub-outage-'));
  port = await freePort();
  postgres = await startPostgres();
  orm = await initORM({ url: postgres.url, statementTimeoutMs: 5000 });
  await migrate(orm);
  await importFiles(orm.em.getKnex(), await documentsIn(path.join(__dirname, '..', '..', 'seeds')));
  hub = await createServer({ port: 0, production: true, introspection: false }, orm, logger);
  url = await hub.listen(0);
});

afterAll(async () => {
  await hub.stop();
  await orm.close(true);
  await postgres.stop();
});

async function ask(): Promise<{
  status: number;
  body: { data?: unknown; errors?: { extensions: { code: string } }[] };
}> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ items(filter: { kinds: [RECLAIMED] }) { totalCount } }' }),
  });
  return { status: response.status, body: (await response.json()) as never };
}

const ready = async () => (await fetch(url.replace(/\/graphql$/u, '/readyz'))).status;

describe('a database outage', () => {
  it('fails requests cleanly while PostgreSQL is down and recovers without restarting the hub', async () => {
    const before = await Promise.all(Array.from({ length: 20 }, ask));
    expect(before.every((r) => r.status === 200 && JSON.stringify(r.body.data) === '{"items":{"totalCount":40}}')).toBe(
      true,
    );

    await postgres.stop();
    const during = await Promise.all(Array.from({ length: 20 }, ask));
    expect(during.every((r) => r.status < 500)).toBe(true);
    expect(new Set(during.flatMap((r) => (r.body.errors ?? []).map((e) => e.extensions.code)))).toEqual(
      new Set(['SERVICE_UNAVAILABLE']),
    );
    expect(await ready()).toBe(503);

    postgres = await startPostgres();
    let after: Awaited<ReturnType<typeof ask>>[] = [];
    // The pool replaces its dead connections as requests come: bounded retries, no restart.
    for (let attempt = 0; attempt < 20; attempt++) {
      after = await Promise.all(Array.from({ length: 10 }, ask));
      if (after.every((r) => r.body.data)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(after.map((r) => r.body)).toEqual(
      Array.from({ length: 10 }, () => ({ data: { items: { totalCount: 40 } } })),
    );
    expect(await ready()).toBe(200);
  });
});
