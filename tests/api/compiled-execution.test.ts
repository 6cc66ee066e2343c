/**
 * Compiled operations (graphql-jit, src/graphql/compiled-execution.ts) answer exactly as graphql-js does:
 * the same status, data and errors, for chosen cases and for generated queries, from two servers
 * over one database, one of them with GRAPHQL_EXECUTOR=graphql-js. The request log says which
 * executor ran each operation.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { buildHubSchema } from '../../src/graphql/schema';
import { createServer, type HubServer } from '../../src/http/server';
import { startHub, type TestHub } from '../support/hub';
import { capturedLogger } from '../support/log-lines';
import { QueryFuzzer, random } from '../support/query-fuzzer';

const GENERATED = 400;

interface LogLine {
  msg: string;
  requestId?: string;
  executor?: string;
}

const { logger, lines } = capturedLogger<LogLine>('info');

let hub: TestHub;
let interpreted: HubServer;
let interpretedUrl: string;
beforeAll(async () => {
  hub = await startHub({ production: true, logger });
  interpreted = await createServer(
    { port: 0, production: true, introspection: true, executor: 'graphql-js' },
    hub.database.orm,
    pino({ level: 'silent' }),
  );
  interpretedUrl = await interpreted.listen(0);
});
afterAll(async () => {
  await interpreted.stop();
  await hub.close();
});

/** One request to a server: its status and body, and the executor its log line names. */
async function send(url: string, query: string, variables?: Record<string, unknown>, headers = {}) {
  const requestId = `request-${lines.length}-${Math.random().toString(36).slice(2)}`;
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  const executor = lines.find((line) => line.requestId === requestId && line.msg === 'graphql request')?.executor;
  return { status: response.status, body, executor };
}

interface Answer {
  status: number;
  body: { data?: unknown; errors?: { path?: (string | number)[] }[]; extensions?: unknown };
}

/** Whether the value at `path` in `data`, or at a prefix of it, is null. */
function nulledAt(data: unknown, path: (string | number)[]): boolean {
  let value = data;
  for (const key of path) {
    if (value === null || value === undefined) return true;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value === null || value === undefined;
}

const sorted = (errors: unknown[]) => errors.map((error) => JSON.stringify(error)).sort();

/**
 * `answer` is `expected`, graphql-js's: the same status, data and extensions, and the same errors
 * in any order (they are listed as their fields end). Where an error nulled more than its own
 * field (a non-null field's error nulls its parent, or the whole response), which of the other
 * errors in the nulled part are listed depends on timing, for either executor: there, each error
 * must point into a nulled part, and both answers must have errors.
 */
function expectSameAnswer(answer: Answer, expected: Answer) {
  const { errors = [], ...rest } = answer.body;
  const { errors: expectedErrors = [], ...expectedRest } = expected.body;
  expect({ status: answer.status, ...rest }).toEqual({ status: expected.status, ...expectedRest });
  const bubbled = [...errors, ...expectedErrors].some((error) => nulledAt(rest.data, (error.path ?? []).slice(0, -1)));
  if (!bubbled) {
    expect(sorted(errors)).toEqual(sorted(expectedErrors));
    return;
  }
  expect(errors.length > 0).toBe(expectedErrors.length > 0);
  expect(errors.filter((error) => !nulledAt(rest.data, error.path ?? []))).toEqual([]);
}

/** The compiling hub's answer to an operation's second run (its first runs on graphql-js). */
async function sameAnswer(query: string, variables?: Record<string, unknown>, headers = {}) {
  const first = await send(hub.url, query, variables, headers);
  const [compiled, plain] = await Promise.all([
    send(hub.url, query, variables, headers),
    send(interpretedUrl, query, variables, headers),
  ]);
  expectSameAnswer(first, plain);
  expectSameAnswer(compiled, plain);
  return { executor: compiled.executor, status: compiled.status, body: compiled.body };
}

const TRAVERSAL = `query Traversal($name: String!) {
  department(name: $name) {
    name
    items(first: 5) { totalCount nodes { number name category { name } links { relation responsibilities department { name } } } }
  }
}`;

describe('compiled execution', () => {
  it('runs a traversal compiled, with the same answer as graphql-js', async () => {
    const { executor, body } = await sameAnswer(TRAVERSAL, { name: '托里县应急管理局' });
    expect(executor).toBe('compiled');
    expect(body.data.department.items.nodes).toHaveLength(5);
  });

  it('runs `_entities` with its union of types compiled', async () => {
    const { body: found } = await sameAnswer('{ items(first: 2) { nodes { id } } }');
    const representations = [
      ...found.data.items.nodes.map(({ id }: { id: string }) => ({ __typename: 'Item', id })),
      { __typename: 'Department', id: '00000000-0000-5000-8000-000000000000' },
    ];
    const { executor, body } = await sameAnswer(
      'query E($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Item { id number } ... on Department { name } } }',
      { r: representations },
    );
    expect(executor).toBe('compiled');
    expect(body.data._entities.map((entity: { __typename: string } | null) => entity?.__typename ?? null)).toEqual([
      'Item',
      'Item',
      null,
    ]);
  });

  it("applies an input field's default to a variable (graphql-jit alone would refuse it)", async () => {
    const { executor, status, body } = await sameAnswer(
      'query Ordered($order: [ItemOrder!]) { items(first: 2, orderBy: $order) { nodes { kind number } } }',
      { order: [{ field: 'KIND' }] },
    );
    expect([executor, status]).toEqual(['compiled', 200]);
    expect(body.data.items.nodes.map(({ kind }: { kind: string }) => kind)).toEqual(['BASIC', 'BASIC']);
  });

  it('refuses a bad variable as graphql-js does: BAD_USER_INPUT, status 200 for a plain JSON client', async () => {
    const { status, body } = await sameAnswer('query L($name: String!) { department(name: $name) { name } }', {
      name: ['not', 'a', 'string'],
    });
    expect([status, body.errors[0].extensions.code]).toEqual([200, 'BAD_USER_INPUT']);
  });

  it("reports a resolver's error with its code, path and locations, and keeps the other fields", async () => {
    const { executor, body } = await sameAnswer(
      '{ towns { name } departments { nodes { partners(first: -3) { weight } } } }',
    );
    expect(executor).toBe('compiled');
    expect(body.data).toBeNull();
    expect(body.errors[0]).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT' },
      path: ['departments', 'nodes', 0, 'partners'],
      locations: [{ line: 1, column: 40 }],
    });
  });

  it('compiles a filter written in the document', async () => {
    const { executor, body } = await sameAnswer(
      '{ items(filter: { kinds: [COOPERATIVE], not: { numbers: [1] } }, first: 3) { totalCount nodes { number } } }',
    );
    expect(executor).toBe('compiled');
    expect(body.data.items.nodes.map(({ number }: { number: number }) => number)).toEqual([2, 3, 4]);
  });

  it('compiles an operation with a filter variable, of a recursive input type, with its default', async () => {
    const query = `query Slice($filter: ItemFilter = { kinds: [COOPERATIVE] }, $numbers: [Int!]) {
      items(filter: { and: [$filter, { not: { numbers: $numbers } }] }, first: 3) { totalCount nodes { number } }
    }`;
    const { executor, body } = await sameAnswer(query, { numbers: [1] });
    expect(executor).toBe('compiled');
    expect(body.data.items.nodes.map(({ number }: { number: number }) => number)).toEqual([2, 3, 4]);
    const { body: basic } = await sameAnswer(query, { filter: { kinds: ['BASIC'], numbers: [1, 2] }, numbers: [1] });
    expect(basic.data.items).toEqual({ totalCount: 1, nodes: [{ number: 2 }] });
  });

  it('runs a request traced field by field (ftv1, for a gateway) on graphql-js', async () => {
    const { executor, body } = await send(hub.url, '{ towns { name } }', undefined, {
      'apollo-federation-include-trace': 'ftv1',
    });
    expect(executor).toBe('graphql-js');
    expect(typeof body.extensions?.ftv1).toBe('string');
  });

  it(`answers ${GENERATED} generated queries exactly as graphql-js does`, async () => {
    const fuzzer = new QueryFuzzer(await buildHubSchema(), random(20261129));
    const executors = new Map<string | undefined, number>();
    for (let i = 0; i < GENERATED; i += 4) {
      const batch = Array.from({ length: 4 }, () => fuzzer.operation());
      for (const { executor } of await Promise.all(batch.map(({ query, variables }) => sameAnswer(query, variables)))) {
        executors.set(executor, (executors.get(executor) ?? 0) + 1);
      }
    }
    // Every second run that executed was compiled; the other generated queries are refused before
    // execution (validation, limits, variables), about half of them.
    expect(executors.get('compiled') ?? 0).toBeGreaterThan(GENERATED / 4);
    expect(executors.get('graphql-js') ?? 0).toBe(0);
  }, 240_000);
});
