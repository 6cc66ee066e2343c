/**
 * Caching as clients and operators see it: `Cache-Control` from the schema's hints, the response
 * cache (memory and Redis) that answers without SQL and forgets an answer once an import changes
 * the data, and the allow-list of persisted operations.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createClient } from '@keyv/redis';
import type { MikroORM } from '@mikro-orm/postgresql';
import pino, { type Logger } from 'pino';
import { watchDatasetGeneration } from '../../src/cache/dataset-generation';
import { run } from '../../src/cli/commands';
import { loadConfig } from '../../src/config';
import { buildManifest } from '../../src/graphql/persisted-operations';
import { createServer, type ServerConfig } from '../../src/http/server';
import { importDocument } from '../../src/ingest/import';
import { correctedSeed, documentOf, RENAMED_BASIC_1, SEED_TEXT, temporaryFolder } from '../import/helpers';
import { describeWith, redisUrl } from '../support/components';
import { eventually } from '../support/eventually';
import { type GraphQLResponse, startHub, type TestHub, useHub } from '../support/hub';
import { capturedLogger } from '../support/log-lines';

const silent = pino({ level: 'silent' });
const REDIS_URL = redisUrl();

/** Another server (a replica) over the same database as a test hub. */
async function replica(orm: MikroORM, config: Partial<ServerConfig>, logger: Logger = silent) {
  const server = await createServer(
    { port: 0, production: false, introspection: true, metrics: { port: 0, token: undefined }, ...config },
    orm,
    logger,
  );
  const url = await server.listen(0);
  return { url, metricsUrl: server.metricsUrl as string, stop: () => server.stop() };
}

interface Answer {
  status: number;
  cacheControl: string | null;
  /** Set on answers from the response cache. */
  age: string | null;
  body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function answer(response: Response): Promise<Answer> {
  return {
    status: response.status,
    cacheControl: response.headers.get('cache-control'),
    age: response.headers.get('age'),
    body: (await response.json()) as Answer['body'],
  };
}

function post(url: string, body: object): Promise<Answer> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).then(answer);
}

function get(url: string, params: Record<string, unknown>): Promise<Answer> {
  const search = new URLSearchParams(
    Object.entries(params).map(([name, value]) => [name, typeof value === 'string' ? value : JSON.stringify(value)]),
  );
  return fetch(`${url}?${search}`, { headers: { 'apollo-require-preflight': 'true' } }).then(answer);
}

const BASIC_1 = '{ items(filter: { kinds: [BASIC], numbers: [1] }) { nodes { name } } }';
const basic1Name = (reply: Answer) => reply.body.data?.items.nodes[0].name as string;

describe('Cache-Control from the schema’s hints', () => {
  const hub = useHub({ cacheMaxAge: 60 });

  it('gives the lists the configured age and the analytics five minutes, over GET and POST', async () => {
    expect(
      (await get(hub.url, { query: '{ towns { name items(first: 1) { nodes { category { name } } } } }' }))
        .cacheControl,
    ).toBe('max-age=60, public');
    expect(
      (await get(hub.url, { query: '{ departmentGraph { nodes { degree department { name aliases } } } }' }))
        .cacheControl,
    ).toBe('max-age=300, public');
    const matrix = await post(hub.url, {
      query: 'query ($filter: ItemFilter) { categoryDepartmentMatrix(filter: $filter) { categories { name } counts } }',
      variables: { filter: { kinds: ['COOPERATIVE'] } },
    });
    expect(matrix.cacheControl).toBe('max-age=300, public');
    const { body } = await post(hub.url, { query: '{ departments(first: 2) { nodes { id } } }' });
    const [from, to] = body.data?.departments.nodes.map((node: { id: string }) => node.id) ?? [];
    const path = await post(hub.url, {
      query: 'query ($from: ID!, $to: ID!) { departmentPath(from: $from, to: $to) { department { name } } }',
      variables: { from, to },
    });
    expect(path.cacheControl).toBe('max-age=300, public');
  });

  it('takes the smallest age of the fields a response holds', async () => {
    const mixed = await get(hub.url, { query: '{ towns { name } departmentGraph { edges { weight } } }' });
    expect(mixed.cacheControl).toBe('max-age=60, public');
    // partners are analytics, but reached from a list lookup: the lookup's age holds.
    const partners = await get(hub.url, {
      query: '{ department(name: "托里县应急管理局") { partners(first: 2) { weight department { name } } } }',
    });
    expect(partners.cacheControl).toBe('max-age=60, public');
  });

  it('works the age out of fragments and of the operation a document names, and keeps no errors', async () => {
    const document = `
      query Lists { ...Towns }
      query Analytics { departmentGraph { ...Edges } }
      fragment Towns on Query { towns { name } }
      fragment Edges on DepartmentGraph { edges { weight } }`;
    const analytics = await post(hub.url, { query: document, operationName: 'Analytics' });
    expect([analytics.body.errors, analytics.cacheControl]).toEqual([undefined, 'max-age=300, public']);
    expect((await post(hub.url, { query: document, operationName: 'Lists' })).cacheControl).toBe('max-age=60, public');
    const inline = await post(hub.url, { query: '{ ... on Query { departmentGraph { edges { weight } } } }' });
    expect(inline.cacheControl).toBe('max-age=300, public');
    // A gateway's _entities: its union takes the lists' age.
    const { body } = await post(hub.url, { query: '{ items(first: 1) { nodes { id } } }' });
    const entities = await post(hub.url, {
      query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { name } } }',
      variables: { r: [{ __typename: 'Item', id: body.data?.items.nodes[0].id }] },
    });
    expect([entities.body.errors, entities.cacheControl]).toEqual([undefined, 'max-age=60, public']);
    const failed = await post(hub.url, { query: '{ towns { name } items(first: -1) { totalCount } }' });
    expect([failed.body.errors?.[0].extensions?.code, failed.cacheControl]).toEqual(['BAD_USER_INPUT', 'no-store']);
  });

  it('caches nothing, analytics included, with CACHE_MAX_AGE=0', async () => {
    const uncached = await replica(hub.database.orm, { cacheMaxAge: 0 });
    try {
      expect((await get(uncached.url, { query: '{ departmentGraph { edges { weight } } }' })).cacheControl).toBe(
        'no-store',
      );
      expect((await get(uncached.url, { query: '{ towns { name } }' })).cacheControl).toBe('no-store');
    } finally {
      await uncached.stop();
    }
  });
});

describe('response cache in memory', () => {
  const hub = useHub({ cacheMaxAge: 3600, responseCache: { store: 'memory', maxBytes: 2 ** 20 } });

  it('answers a repeated query without SQL, counts hits and misses, and forgets it when an import commits', async () => {
    const first = await post(hub.url, { query: BASIC_1 });
    expect(first.age).toBeNull();
    expect(basic1Name(first)).toMatch(/^深入学习贯彻习近平新时代/u);
    let second: Answer | undefined;
    expect(await hub.statementsDuring(async () => (second = await post(hub.url, { query: BASIC_1 })))).toEqual([]);
    expect(second?.body).toEqual(first.body);
    expect(second?.age).toMatch(/^\d+$/u);
    expect(second?.cacheControl).toBe('max-age=3600, public');
    const metrics = await (await fetch(hub.metricsUrl)).text();
    expect(metrics).toMatch(/^dutyhub_response_cache_hits_total 1$/mu);
    expect(metrics).toMatch(/^dutyhub_response_cache_misses_total 1$/mu);
    expect(metrics).toMatch(/^dutyhub_response_cache_errors_total 0$/mu);

    await importDocument(hub.database.orm.em.getKnex(), documentOf(correctedSeed()));
    const after = await eventually(
      () => post(hub.url, { query: BASIC_1 }),
      (reply) => basic1Name(reply) === RENAMED_BASIC_1,
    );
    expect(basic1Name(after)).toBe(RENAMED_BASIC_1);
    // The new answer is cached in turn.
    expect(await hub.statementsDuring(() => post(hub.url, { query: BASIC_1 }))).toEqual([]);
  });

  it('keeps its answers when an import changes nothing', async () => {
    const knex = hub.database.orm.em.getKnex();
    const generation = async () => (await knex('dataset_generation').first('generation')).generation;
    /** The corrected wording, answered from the cache. */
    const cachedCorrection = async () => {
      let reply: Answer | undefined;
      const statements = await hub.statementsDuring(async () => (reply = await post(hub.url, { query: BASIC_1 })));
      return statements.length === 0 && reply !== undefined && basic1Name(reply) === RENAMED_BASIC_1;
    };
    await importDocument(knex, documentOf(correctedSeed()));
    await eventually(cachedCorrection, Boolean);
    const before = await generation();
    const report = await importDocument(knex, documentOf(correctedSeed()));
    expect(report.changes.items).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 254 });
    // No new generation, hence no NOTIFY: the answers stay.
    expect(await generation()).toBe(before);
    expect(await cachedCorrection()).toBe(true);
  });

  it('keys answers by the request as sent: its bytes, method, accepted type and preflight header', async () => {
    const query = '{ towns { name } }';
    const sent = async (request: () => Promise<Answer>) => {
      let reply: Answer | undefined;
      const statements = await hub.statementsDuring(async () => (reply = await request()));
      return { reply: reply as Answer, statements: statements.length };
    };
    const first = await sent(() => post(hub.url, { query }));
    expect([first.reply.age, first.statements]).toEqual([null, 1]);
    expect((await sent(() => post(hub.url, { query }))).statements).toBe(0);
    // Spacing or variables in another order are other bytes: answered, then kept in their own right.
    const spaced = JSON.stringify({ query }).replace('{"query"', '{ "query"');
    const raw = (body: string) =>
      fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body }).then(answer);
    expect((await sent(() => raw(spaced))).statements).toBe(1);
    const again = await sent(() => raw(spaced));
    expect([again.statements, again.reply.body]).toEqual([0, first.reply.body]);
    // A GET of the same query is another request; kept too.
    expect((await sent(() => get(hub.url, { query }))).statements).toBe(1);
    expect((await sent(() => get(hub.url, { query }))).statements).toBe(0);
    // Without the preflight header Apollo refuses that GET: a kept answer does not reach it.
    const unsafe = await fetch(`${hub.url}?${new URLSearchParams({ query })}`).then(answer);
    expect([unsafe.status, unsafe.body.errors?.[0].extensions?.code, unsafe.age]).toEqual([400, 'BAD_REQUEST', null]);
    // The type a client accepts is the type of its answer, kept or not.
    const graphqlResponse = () =>
      fetch(hub.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
    const types = [];
    for (let i = 0; i < 2; i++) {
      const response = await graphqlResponse();
      types.push([response.headers.get('content-type'), response.headers.get('age') !== null]);
    }
    expect(types).toEqual([
      ['application/graphql-response+json; charset=utf-8', false],
      ['application/graphql-response+json; charset=utf-8', true],
    ]);
    const kept = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'dashboard-7' },
      body: JSON.stringify({ query }),
    });
    expect([kept.headers.get('content-type'), kept.headers.get('x-request-id')]).toEqual([
      'application/json; charset=utf-8',
      'dashboard-7',
    ]);
  });

  it('executes every request a gateway asks to trace, and keeps none of them', async () => {
    const traced = async () => {
      let reply: GraphQLResponse | undefined;
      const statements = await hub.statementsDuring(async () => {
        reply = await hub.query('{ categories { name } }', undefined, { 'apollo-federation-include-trace': 'ftv1' });
      });
      return [typeof reply?.extensions?.ftv1, statements.length];
    };
    expect([await traced(), await traced()]).toEqual([
      ['string', 1],
      ['string', 1],
    ]);
    // Nothing was kept for the plain request either.
    expect((await hub.statementsDuring(() => hub.query('{ categories { name } }'))).length).toBe(1);
  });

  it('logs and counts an answer from the cache as a request of its operation, with no SQL', async () => {
    const { logger, lines } = capturedLogger('info');
    const logged = await replica(
      hub.database.orm,
      { cacheMaxAge: 3600, responseCache: { store: 'memory', maxBytes: 2 ** 20 } },
      logger,
    );
    try {
      const query = 'query TownNames { towns { name } }';
      for (let i = 0; i < 2; i++) await post(logged.url, { query });
      const requests = lines.filter((line) => line.msg === 'graphql request');
      expect(
        requests.map(({ operation, sqlStatements, responseCacheHit, status }) => ({
          operation,
          sqlStatements,
          responseCacheHit,
          status,
        })),
      ).toEqual([
        { operation: 'TownNames', sqlStatements: 1, responseCacheHit: undefined, status: 200 },
        { operation: 'TownNames', sqlStatements: 0, responseCacheHit: true, status: 200 },
      ]);
      expect(requests[1].requestId).toMatch(/^[0-9a-f-]{36}$/u);
      const metrics = await (await fetch(logged.metricsUrl)).text();
      expect(metrics).toMatch(/^dutyhub_graphql_requests_total\{operation="TownNames",outcome="ok"\} 2$/mu);
      expect(metrics).toMatch(/^dutyhub_graphql_request_duration_seconds_count\{operation="TownNames"\} 2$/mu);
      expect(metrics).toMatch(/^dutyhub_sql_statements_per_request_bucket\{le="0"\} 1$/mu);
    } finally {
      await logged.stop();
    }
  });

  it('does not cache answers with errors', async () => {
    const failing = '{ items(first: 501) { totalCount } }';
    await post(hub.url, { query: failing });
    const again = await post(hub.url, { query: failing });
    expect(again.body.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(again.age).toBeNull();
    expect(again.cacheControl).toBe('no-store');
  });

  it('follows imports again after its PostgreSQL connection is cut', async () => {
    const knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw(
      `select pg_terminate_backend(pid) as cut from pg_stat_activity
       where application_name = 'dutyhub-dataset-watch' and datname = current_database()`,
    );
    expect(rows).toEqual([{ cut: true }]);
    // Back to the seed's wording, while the hub may still be reconnecting.
    await importDocument(knex, documentOf(SEED_TEXT));
    const reverted = await eventually(
      () => post(hub.url, { query: BASIC_1 }),
      (reply) => basic1Name(reply) !== RENAMED_BASIC_1,
    );
    expect(basic1Name(reverted)).toMatch(/^深入学习贯彻习近平新时代/u);
    // Reconnected: answers are cached again.
    const statements = await eventually(
      () => hub.statementsDuring(() => post(hub.url, { query: BASIC_1 })),
      (run) => run.length === 0,
    );
    expect(statements).toEqual([]);
  });
});

describeWith('Redis', 'response cache in Redis, shared by replicas', () => {
  const keyPrefix = `dutyhub-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const redis = createClient({ url: REDIS_URL });
  let hub: TestHub;
  let other: Awaited<ReturnType<typeof replica>>;
  beforeAll(async () => {
    await redis.connect();
    const responseCache = { store: 'redis', redisUrl: REDIS_URL, keyPrefix } as const;
    hub = await startHub({ cacheMaxAge: 3600, responseCache });
    other = await replica(hub.database.orm, { cacheMaxAge: 3600, responseCache });
  });
  afterAll(async () => {
    await other.stop();
    await hub.close();
    const keys = await redis.keys(`${keyPrefix}*`);
    if (keys.length) await redis.del(keys);
    redis.destroy();
  });

  it('serves one replica’s answer to another without SQL, keyed by the dataset generation', async () => {
    const first = await post(hub.url, { query: BASIC_1 });
    expect(first.age).toBeNull();
    let fromOther: Answer | undefined;
    // The write is not awaited by the first request: the other replica asks until it is there.
    const statements = await eventually(
      () => hub.statementsDuring(async () => (fromOther = await post(other.url, { query: BASIC_1 }))),
      (run) => run.length === 0,
    );
    expect(statements).toEqual([]);
    expect(fromOther?.body).toEqual(first.body);
    expect(fromOther?.age).toMatch(/^\d+$/u);
    const generation = (await hub.database.orm.em.getKnex()('dataset_generation').first('generation')).generation;
    const keys = await redis.keys(`${keyPrefix}*`);
    expect(keys).toEqual([
      // The generation, the hub's answer policy, the request's digest.
      expect.stringMatching(new RegExp(`^${keyPrefix}::answer:g${generation}:[0-9a-f]{16}:[0-9a-f]{64}$`, 'u')),
    ]);
    expect(await redis.ttl(keys[0])).toBeGreaterThan(3500);
  });

  it('gives every replica the new data once an import commits', async () => {
    for (const url of [hub.url, other.url]) {
      const cached = await eventually(
        () => post(url, { query: BASIC_1 }),
        (reply) => reply.age !== null,
      );
      expect(basic1Name(cached)).toMatch(/^深入学习贯彻习近平新时代/u);
    }
    await importDocument(hub.database.orm.em.getKnex(), documentOf(correctedSeed()));
    for (const url of [hub.url, other.url]) {
      const after = await eventually(
        () => post(url, { query: BASIC_1 }),
        (reply) => basic1Name(reply) === RENAMED_BASIC_1,
      );
      expect(basic1Name(after)).toBe(RENAMED_BASIC_1);
    }
  });

  it('serves without it, and says so once, while Redis is unreachable', async () => {
    const { logger, lines } = capturedLogger<{ level: number; msg: string }>('warn');
    const down = await replica(
      hub.database.orm,
      { cacheMaxAge: 3600, responseCache: { store: 'redis', redisUrl: 'redis://127.0.0.1:1', keyPrefix } },
      logger,
    );
    try {
      for (let i = 0; i < 3; i++) {
        const reply = await post(down.url, { query: BASIC_1 });
        expect(reply.status).toBe(200);
        expect(basic1Name(reply)).toBe(RENAMED_BASIC_1);
        expect(reply.age).toBeNull();
      }
      const metrics = await (await fetch(down.metricsUrl)).text();
      expect(metrics).toMatch(/^dutyhub_response_cache_hits_total 0$/mu);
      expect(metrics).toMatch(/^dutyhub_response_cache_misses_total 3$/mu);
      // Each request's read and write failed.
      expect(metrics).toMatch(/^dutyhub_response_cache_errors_total 6$/mu);
      expect(lines.map((line) => line.msg)).toEqual([
        'Redis unreachable: serving without the response cache',
        'response cache failing: serving without it',
      ]);
    } finally {
      await down.stop();
    }
  });

  it('keeps a replica with the allow-list on from serving what a replica without it kept', async () => {
    const folder = await temporaryFolder();
    const manifestFile = await folder.write(
      'manifest.json',
      JSON.stringify(buildManifest(['query T { towns { name } }'])),
    );
    const guarded = await replica(hub.database.orm, {
      cacheMaxAge: 3600,
      responseCache: { store: 'redis', redisUrl: REDIS_URL, keyPrefix },
      persistedOperations: { manifest: manifestFile, only: true },
    });
    try {
      const query = '{ categories { name } }';
      const open = await post(hub.url, { query });
      expect(open.body.data?.categories).toHaveLength(21);
      // Kept in Redis: the open replica answers it again from there.
      await eventually(
        () => post(hub.url, { query }),
        (again) => again.age !== null,
      );
      const refused = await post(guarded.url, { query });
      expect([refused.age, refused.body.data, refused.body.errors?.map((error) => error.extensions?.code)]).toEqual([
        null,
        undefined,
        ['PERSISTED_QUERY_NOT_ALLOWED'],
      ]);
    } finally {
      await guarded.stop();
      await folder.remove();
    }
  });
});

describe('slice counts kept for the dataset generation', () => {
  const hub = useHub({ keepSliceCounts: true });

  const PAGE = `query ($search: String!, $after: String) {
    items(filter: { search: $search }, first: 1, after: $after) { totalCount nodes { number } pageInfo { endCursor } }
  }`;
  /** A page of the search, its total, and how many of its statements counted. */
  const page = async (search: string, after?: string) => {
    let data: Record<string, any> | undefined;
    const statements = await hub.statementsDuring(async () => {
      data = (await hub.query(PAGE, { search, after })).data;
    });
    return {
      total: data?.items.totalCount as number,
      endCursor: data?.items.pageInfo.endCursor as string,
      counted: statements.filter((sql) => sql.includes('slice_counts')).length,
    };
  };
  const matches = async (search: string) =>
    (
      await hub.database.orm.em
        .getKnex()
        .raw('select count(*)::int as n from item where search_text like ?', [`%${search}%`])
    ).rows[0].n as number;

  it('counts a slice from the items once a generation, and again once an import commits', async () => {
    // Three characters: counted from the items (only two-character searches have kept counts).
    const search = '新时代';
    const before = await matches(search);
    const first = await page(search);
    expect([first.total, first.counted]).toEqual([before, 1]);
    const second = await page(search, first.endCursor);
    expect([second.total, second.counted]).toEqual([before, 0]);
    // Asked alone, the kept counts need no statement at all.
    const facets = await hub.statementsDuring(() =>
      hub.query(`{ facets(filter: { search: "${search}" }) { total byKind { kind count } } }`),
    );
    expect(facets).toEqual([]);

    // The correction renames BASIC 1 (深入学习贯彻习近平新时代…): one match less.
    await importDocument(hub.database.orm.em.getKnex(), documentOf(correctedSeed()));
    const after = await matches(search);
    expect([before, after]).toEqual([3, 2]);
    const recounted = await eventually(
      () => page(search),
      (reply) => reply.counted === 1,
    );
    expect(recounted.total).toBe(after);
    expect(await page(search, recounted.endCursor)).toMatchObject({ total: after, counted: 0 });
  });

  it('keeps a category’s total of a longer search the same way', async () => {
    const knex = hub.database.orm.em.getKnex();
    const { rows } = await knex.raw(
      `select c.name, count(*)::int as total from item i join category c on c.id = i.category_id
       where i.search_text like '%新时代%' group by c.name order by 2 desc, 1 limit 1`,
    );
    const [{ name, total }] = rows as { name: string; total: number }[];
    const PAGES = `query ($name: String!, $after: String) {
      category(name: $name) { items(filter: { search: "新时代" }, first: 1, after: $after) { totalCount pageInfo { endCursor } } }
    }`;
    const categoryPage = async (after?: string) => {
      let data: Record<string, any> | undefined;
      const statements = await hub.statementsDuring(async () => {
        data = (await hub.query(PAGES, { name, after })).data;
      });
      const pages = statements.filter((sql) => sql.startsWith('/* itemPagesByParent'));
      return {
        total: data?.category.items.totalCount as number,
        endCursor: data?.category.items.pageInfo.endCursor as string,
        counted: pages.filter((sql) => !sql.includes('select null::int as total')).length,
      };
    };
    const first = await categoryPage();
    expect([first.total, first.counted]).toEqual([total, 1]);
    expect(await categoryPage(first.endCursor)).toMatchObject({ total, counted: 0 });
  });

  it('keeps nothing of the counts imports keep, nor of a page asked without its total', async () => {
    // 防汛: the kept search counts, read each time (a few rows).
    for (let i = 0; i < 2; i++) expect((await page('防汛')).counted).toBe(1);
  });
});

describe('dataset generation', () => {
  it('is unknown, without failing, while PostgreSQL cannot be reached', async () => {
    const watch = watchDatasetGeneration({ url: 'postgresql://postgres@127.0.0.1:1/none', logger: silent });
    await watch.start();
    expect(watch.current()).toBeUndefined();
    await watch.stop();
  });
});

describe('persisted operations', () => {
  const hub = useHub();
  let folder: Awaited<ReturnType<typeof temporaryFolder>>;
  let manifestFile: string;
  const manifest = buildManifest([
    'query Towns { towns { name } }',
    'query Basic($number: Int!) { items(filter: { kinds: [BASIC], numbers: [$number] }) { nodes { ...Named } } }',
    'fragment Named on Item { name number }',
  ]);
  const idOf = (name: string) => manifest.operations.find((operation) => operation.name === name)?.id as string;
  const byId = (name: string) => ({ persistedQuery: { version: 1, sha256Hash: idOf(name) } });

  beforeAll(async () => {
    folder = await temporaryFolder();
    manifestFile = await folder.write('manifest.json', JSON.stringify(manifest));
  });
  afterAll(async () => {
    await folder.remove();
  });

  it('builds a manifest in Apollo’s format, each operation with the fragments it uses', () => {
    expect(manifest.format).toBe('apollo-persisted-query-manifest');
    expect(manifest.operations.map(({ name, type }) => [name, type])).toEqual([
      ['Towns', 'query'],
      ['Basic', 'query'],
    ]);
    expect(manifest.operations[1].body).toMatch(/fragment Named on Item/u);
    expect(idOf('Towns')).toMatch(/^[0-9a-f]{64}$/u);
  });

  describe('allow-list only', () => {
    let allowList: Awaited<ReturnType<typeof replica>>;
    beforeAll(async () => {
      allowList = await replica(hub.database.orm, { persistedOperations: { manifest: manifestFile, only: true } });
    });
    afterAll(async () => {
      await allowList.stop();
    });

    it('runs listed operations by id, over POST and GET, with their variables', async () => {
      expect((await post(allowList.url, { extensions: byId('Towns') })).body).toEqual({
        data: { towns: [{ name: '托里镇' }] },
      });
      const basic = await get(allowList.url, { extensions: byId('Basic'), variables: { number: 2 } });
      expect(basic.body.data?.items.nodes).toEqual([{ name: expect.any(String), number: 2 }]);
      // The listed body runs, whatever text comes with the id.
      const other = await post(allowList.url, { query: '{ categories { name } }', extensions: byId('Towns') });
      expect(other.body).toEqual({ data: { towns: [{ name: '托里镇' }] } });
    });

    it('refuses any other operation with a stable code, and unknown ids as not found', async () => {
      const freeForm = await post(allowList.url, { query: '{ towns { name } }' });
      // A refusal of a well-formed request: 200 for a plain JSON client (GraphQL over HTTP).
      expect(freeForm.status).toBe(200);
      expect(freeForm.body.errors?.map((error) => [error.extensions?.code, error.message])).toEqual([
        [
          'PERSISTED_QUERY_NOT_ALLOWED',
          'only persisted operations are accepted: send the id of an operation of the manifest in extensions.persistedQuery.sha256Hash',
        ],
      ]);
      const entities = await post(allowList.url, {
        query: 'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Town { name } } }',
        variables: { r: [] },
      });
      expect(entities.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_ALLOWED');
      const unknown = await post(allowList.url, {
        extensions: { persistedQuery: { version: 1, sha256Hash: 'f'.repeat(64) } },
      });
      expect(unknown.body.errors?.[0].extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    });

    it('refuses before parsing: a broken or 16 KB document is not allowed, not a syntax error', async () => {
      for (const query of ['{ towns { name ', `{ towns { ${'name '.repeat(3300)} } }`]) {
        const refused = await post(allowList.url, { query });
        expect([refused.status, refused.body.errors?.map((error) => error.extensions?.code)]).toEqual([
          200,
          ['PERSISTED_QUERY_NOT_ALLOWED'],
        ]);
      }
    });

    it('still answers _service, which routers and rover read', async () => {
      const service = await post(allowList.url, { query: '{ _service { sdl } }' });
      expect(service.body.data?._service.sdl).toMatch(/type Town/u);
    });
  });

  it('without only, runs listed ids and everything else, automatic persisted queries included', async () => {
    const listing = await replica(hub.database.orm, { persistedOperations: { manifest: manifestFile, only: false } });
    try {
      expect((await post(listing.url, { extensions: byId('Towns') })).body.data).toEqual({
        towns: [{ name: '托里镇' }],
      });
      expect((await post(listing.url, { query: '{ categories { name } }' })).body.data?.categories).toHaveLength(21);
    } finally {
      await listing.stop();
    }
  });

  it('refuses to start on a file that is not a manifest', async () => {
    const bad = await folder.write('bad.json', JSON.stringify({ operations: [] }));
    await expect(replica(hub.database.orm, { persistedOperations: { manifest: bad, only: true } })).rejects.toThrow(
      `persisted operations ${bad}: not an apollo-persisted-query-manifest of version 1 with an id and a body for each operation`,
    );
  });
});

describe('configuration', () => {
  it('caches in memory by default, in Redis when REDIS_URL is set, and refuses contradictions', () => {
    expect(loadConfig({}).responseCache).toEqual({ store: 'memory', maxBytes: 64 * 2 ** 20 });
    expect(loadConfig({ REDIS_URL: REDIS_URL }).responseCache).toEqual({
      store: 'redis',
      redisUrl: REDIS_URL,
      keyPrefix: 'dutyhub',
    });
    expect(loadConfig({ REDIS_URL: REDIS_URL, RESPONSE_CACHE: 'off' }).responseCache).toEqual({ store: 'off' });
    expect(() => loadConfig({ RESPONSE_CACHE: 'redis' })).toThrow('RESPONSE_CACHE=redis needs REDIS_URL');
    expect(() => loadConfig({ RESPONSE_CACHE: 'disk' })).toThrow('RESPONSE_CACHE must be one of memory, redis, off');
    expect(() => loadConfig({ PERSISTED_OPERATIONS_ONLY: 'true' })).toThrow(
      'PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS',
    );
    expect(loadConfig({}).persistedOperations).toEqual({ manifest: undefined, only: false });
    expect([loadConfig({}).keepSliceCounts, loadConfig({ SLICE_COUNT_CACHE: 'false' }).keepSliceCounts]).toEqual([
      true,
      false,
    ]);
  });
});

describe('persisted-manifest command', () => {
  it('writes the manifest of the operations in a folder', async () => {
    const folder = await temporaryFolder();
    try {
      const out = await folder.write('operations.json', '');
      expect(await run(['persisted-manifest', '--out', out, path.resolve(__dirname, '../operations')])).toBe(0);
      const written = JSON.parse(await readFile(out, 'utf8'));
      expect(written.operations.map((operation: { name: string }) => operation.name)).toContain('Towns');
      expect(written).toEqual(
        buildManifest(
          await Promise.all(
            ['slices.graphql', 'towns.graphql'].map((file) =>
              readFile(path.resolve(__dirname, '../operations', file), 'utf8'),
            ),
          ),
        ),
      );
    } finally {
      await folder.remove();
    }
  });
});
