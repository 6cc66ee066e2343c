/**
 * What operators rely on: request ids and one structured log line per request, Prometheus metrics,
 * readiness, CORS, a statement timeout with a stable code, and no internals in production errors.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import pino from 'pino';
import { initORM } from '../../src/db/orm';
import { createFormatError } from '../../src/graphql/errors';
import { createServer } from '../../src/http/server';
import { useHub } from '../support/hub';
import { capturedLogger } from '../support/log-lines';

const { logger, lines } = capturedLogger('info');

const hub = useHub({
  production: true,
  introspection: false,
  cacheMaxAge: 120,
  corsOrigins: ['https://dashboard.example'],
  logger,
});

const base = () => hub.url.replace(/\/graphql$/u, '');

describe('request ids and logs', () => {
  it('answers with the caller’s request id, and logs the operation with its SQL statements', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'dashboard-42' },
      body: JSON.stringify({
        query: 'query TownsTile { towns { name items { totalCount } } }',
        operationName: 'TownsTile',
      }),
    });
    expect(response.headers.get('x-request-id')).toBe('dashboard-42');
    expect(response.status).toBe(200);
    const line = lines.find((entry) => entry.requestId === 'dashboard-42' && entry.msg === 'graphql request');
    // The executor of a document's first run (src/graphql/compiled-execution.ts compiles it on the second).
    expect(line).toMatchObject({ operation: 'TownsTile', sqlStatements: 2, status: 200, executor: 'graphql-js' });
    expect(typeof line?.durationMs).toBe('number');
  });

  it('counts each request’s own statements when requests overlap, and every statement sent', async () => {
    // What each operation costs alone (tests/api count the same statements by name).
    const operations: [name: string, query: string, statements: number][] = [
      ['Lookup', 'query Lookup { department(name: "托里县自然资源局") { name } }', 1],
      ['TownByName', 'query TownByName { town(name: "托里镇") { name } }', 1],
      [
        'Traversal',
        `query Traversal { department(name: "托里县自然资源局") { items(first: 5) { nodes {
           category { name } links { department { name } } } } } }`,
        3,
      ],
      [
        'Slice',
        `query Slice { items(first: 3, filter: { kinds: [COOPERATIVE] }) { totalCount nodes { name } }
           facets(filter: { kinds: [COOPERATIVE] }) { total byDepartment(first: 3) { count } byTown { count } } }`,
        // The page, its counts and its departments; byTown.
        2,
      ],
      ['Partners', 'query Partners { department(name: "托里县自然资源局") { partners(first: 2) { weight } } }', 2],
      ['Departments', 'query Departments { departments(first: 2, search: "县") { totalCount } }', 2],
    ];
    const total = async () =>
      Number(/^dutyhub_sql_statements_total (\d+)/mu.exec(await (await fetch(hub.metricsUrl)).text())?.[1]);
    const before = await total();
    const ids = operations.flatMap(([name]) => [`${name}-a`, `${name}-b`]);
    await Promise.all(
      ids.map((id) =>
        fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-request-id': id },
          body: JSON.stringify({ query: operations.find(([name]) => id.startsWith(`${name}-`))?.[1] }),
        }).then(async (response) => expect(await response.json()).not.toHaveProperty('errors')),
      ),
    );
    const counted = ids.map((id) => lines.find((line) => line.requestId === id)?.sqlStatements);
    expect(counted).toEqual(operations.flatMap(([, , statements]) => [statements, statements]));
    // Nothing a request sent escaped its count: the process-wide counter moved by their sum.
    expect((await total()) - before).toBe(operations.reduce((sum, [, , statements]) => sum + 2 * statements, 0));
  });

  it('answers only when every statement it sent has ended, an error having nulled its data first', async () => {
    // `towns` waits for a lock held here; `facets` fails at once and, being non-null, nulls the
    // data: graphql's execution ends there, before the towns statement does.
    const pool = hub.database.orm.em.getKnex().client.pool;
    const locker = new Client({ connectionString: hub.database.url });
    await locker.connect();
    try {
      await locker.query('begin');
      await locker.query('lock table town in access exclusive mode');
      let answered = false;
      const response = fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'held-by-a-lock' },
        body: JSON.stringify({ query: '{ facets { byDepartment(first: -1) { count } } towns { name } }' }),
      }).then((answer) => {
        answered = true;
        return answer.json();
      });
      for (let waited = 0; pool.numUsed() === 0 && waited < 5_000; waited += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect([answered, pool.numUsed()]).toEqual([false, 1]);
      await locker.query('commit');
      expect(await response).toEqual({
        data: null,
        errors: [expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) })],
      });
      // Its statement ended before the answer: counted in its log line, its connection given back.
      expect(pool.numUsed()).toBe(0);
      expect(lines.find((line) => line.requestId === 'held-by-a-lock')?.sqlStatements).toBe(1);
    } finally {
      await locker.end();
    }
  });

  it('makes up a request id when none (or a malformed one) is given', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'bad id with spaces' },
      body: JSON.stringify({ query: '{ towns { name } }' }),
    });
    expect(response.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/u);
  });
});

describe('/metrics', () => {
  it('counts requests, errors by code and SQL statements in Prometheus format', async () => {
    await hub.query('query CountMe { towns { name } }');
    await hub.query('{ items(first: 501) { totalCount } }');
    const text = await (await fetch(hub.metricsUrl)).text();
    expect(text).toMatch(/dutyhub_graphql_requests_total\{operation="CountMe",outcome="ok"\} 1/u);
    expect(text).toMatch(/dutyhub_graphql_errors_total\{code="BAD_USER_INPUT"\} [1-9]/u);
    expect(text).toMatch(/dutyhub_sql_statements_total [1-9]\d*/u);
    expect(text).toMatch(/dutyhub_graphql_request_duration_seconds_bucket\{le="0.005",operation="CountMe"\}/u);
    expect(text).toMatch(/dutyhub_db_pool_connections\{state="used"\} \d+/u);
  });
});

describe('health', () => {
  it('is alive and ready when the database answers and migrations are applied', async () => {
    expect(await (await fetch(`${base()}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${base()}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('is not ready while the database cannot be reached', async () => {
    const orm = await initORM({ url: 'postgresql://postgres@127.0.0.1:1/none', overrides: { connect: false } });
    const server = await createServer(
      { port: 0, production: true, introspection: false },
      orm,
      pino({ level: 'silent' }),
    );
    const url = (await server.listen(0)).replace(/\/graphql$/u, '');
    try {
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'database unreachable' });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const response = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ towns { name } }' }),
      });
      const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'the database is unavailable; try again',
          extensions: { code: 'SERVICE_UNAVAILABLE' },
        }),
      ]);
    } finally {
      await server.stop();
      await orm.close(true);
    }
  });
});

describe('security', () => {
  it('allows only the configured browser origins', async () => {
    const allowed = await fetch(hub.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://dashboard.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://dashboard.example');
    const other = await fetch(hub.url, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses a simple cross-site GET (CSRF prevention) and answers one with a preflight header', async () => {
    const simple = await fetch(`${hub.url}?query=${encodeURIComponent('{ towns { name } }')}`);
    expect(simple.status).toBe(400);
    const preflighted = await fetch(`${hub.url}?query=${encodeURIComponent('{ towns { name } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await preflighted.json()).toEqual({ data: { towns: [{ name: '托里镇' }] } });
  });

  it('hides internals in production: no stack trace, no SQL in a database error', async () => {
    const response = await hub.query('{ items(first: 1) { totalCount } }');
    expect(JSON.stringify(response)).not.toMatch(/stacktrace|select /u);
    const introspection = await hub.query('{ __schema { types { name } } }');
    expect(introspection.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('HTTP caching', () => {
  it('marks responses cacheable for the configured time, and errors no-store', async () => {
    const get = await fetch(`${hub.url}?query=${encodeURIComponent('{ towns { name } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(get.headers.get('cache-control')).toBe('max-age=120, public');
    const failed = await fetch(`${hub.url}?query=${encodeURIComponent('{ items(first: 501) { totalCount } }')}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(failed.headers.get('cache-control')).toBe('no-store');
  });
});

describe('automatic persisted queries', () => {
  it('registers a query by its hash once, then answers the hash alone (also by GET)', async () => {
    const query = 'query PersistedTowns { towns { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const post = (body: object) =>
      fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json());
    expect(await post({ extensions })).toMatchObject({
      errors: [{ message: 'PersistedQueryNotFound', extensions: { code: 'PERSISTED_QUERY_NOT_FOUND' } }],
    });
    expect(await post({ query, extensions })).toEqual({ data: { towns: [{ name: '托里镇' }] } });
    expect(await post({ extensions })).toEqual({ data: { towns: [{ name: '托里镇' }] } });
    const get = await fetch(`${hub.url}?extensions=${encodeURIComponent(JSON.stringify(extensions))}`, {
      headers: { 'apollo-require-preflight': 'true' },
    });
    expect(await get.json()).toEqual({ data: { towns: [{ name: '托里镇' }] } });
  });
});

describe('statement timeout', () => {
  it('cancels a statement that runs too long and says so with a stable code', async () => {
    const orm = await initORM({ url: hub.database.url, statementTimeoutMs: 50 });
    try {
      await expect(orm.em.getKnex().raw('select pg_sleep(1)')).rejects.toMatchObject({ code: '57014' });
    } finally {
      await orm.close(true);
    }
    // What a client sees of that cancellation: a stable code, no SQL.
    const format = createFormatError({ production: true, logger: pino({ level: 'silent' }) });
    const cancelled = Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' });
    expect(format({ message: cancelled.message, path: ['items'] }, cancelled)).toEqual({
      message: 'the query took too long and was cancelled',
      path: ['items'],
      locations: undefined,
      extensions: { code: 'QUERY_TIMEOUT' },
    });
  });
});
