/**
 * Client mistakes on the wire, as an attacker or a careless integrator sends them, against a
 * production-mode hub: each is a 4xx (or, for a client that accepts plain JSON, a 200 carrying the
 * errors, as GraphQL over HTTP asks) with a stable code, never a 5xx, and none is logged as an error.
 */
import { createHash } from 'node:crypto';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { useHub } from '../support/hub';
import { capturedLogger } from '../support/log-lines';

const log = capturedLogger<{ level: number; msg: string }>('warn');
const hub = useHub({
  production: true,
  logger: log.logger,
  limits: { maxDepth: 15, maxCost: 100_000, maxAliases: 30, maxTokens: 5_000, maxDirectives: 50 },
});
beforeEach(() => {
  log.lines.length = 0;
});
const errorLines = () => log.lines.filter((line) => line.level >= 50).map((line) => line.msg);

/** A raw POST; `accept` as a GraphQL-over-HTTP client would send it. */
async function post(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(hub.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as {
    data?: unknown;
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
  };
  return { status: response.status, contentType: response.headers.get('content-type'), ...json };
}

const codes = (response: { errors?: { extensions?: { code?: string } }[] }) =>
  response.errors?.map((error) => error.extensions?.code);

const GRAPHQL_RESPONSE = { accept: 'application/graphql-response+json' };

describe('request errors: the status follows the media type the client accepts', () => {
  it('a syntax error: 200 with GRAPHQL_PARSE_FAILED for JSON clients, 400 for graphql-response+json ones', async () => {
    const json = await post({ query: '{ towns { name ' });
    expect([json.status, json.contentType, codes(json)]).toEqual([
      200,
      'application/json; charset=utf-8',
      ['GRAPHQL_PARSE_FAILED'],
    ]);
    const strict = await post({ query: '{ towns { name ' }, GRAPHQL_RESPONSE);
    expect([strict.status, strict.contentType, codes(strict)]).toEqual([
      400,
      'application/graphql-response+json; charset=utf-8',
      ['GRAPHQL_PARSE_FAILED'],
    ]);
    expect(errorLines()).toEqual([]);
  });

  it('refuses a thousand aliases and a directive flood as QUERY_TOO_COMPLEX, not a 500', async () => {
    const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const directives = `{ towns { name ${'@include(if: true) '.repeat(2000)} } }`;
    const messages = [];
    for (const query of [aliases, directives]) {
      const json = await post({ query });
      expect([json.status, codes(json)]).toEqual([200, ['QUERY_TOO_COMPLEX']]);
      const strict = await post({ query }, GRAPHQL_RESPONSE);
      expect([strict.status, codes(strict)]).toEqual([400, ['QUERY_TOO_COMPLEX']]);
      messages.push(json.errors?.[0].message);
    }
    expect(messages).toEqual([
      'Selections limit of 100 exceeded, found 1000 in one selection set',
      'Syntax Error: Token limit of 5000 exceeded.',
    ]);
    expect(errorLines()).toEqual([]);
  });

  it('refuses a field repeated thousands of times before validating it, allow-list or not', async () => {
    // 16 KB: validation compares a selection set's fields pairwise (0.2–0.4 s of CPU for this one).
    const repeated = `{ towns { ${'name '.repeat(3000)} } }`;
    expect(repeated.length).toBeGreaterThan(15_000);
    const response = await post({ query: repeated });
    expect([response.status, codes(response), response.errors?.[0].message]).toEqual([
      200,
      ['QUERY_TOO_COMPLEX'],
      'Selections limit of 100 exceeded, found 3000 in one selection set',
    ]);
    // At the limit, one field a hundred times is a valid query.
    const atLimit = await post({ query: `{ towns { ${'name '.repeat(100)} } }` });
    expect(atLimit.data).toEqual({ towns: [{ name: '托里镇' }] });
    expect(errorLines()).toEqual([]);
  });

  it('answers the introspection query GraphiQL and codegen send (its lists are the schema’s, not the data’s)', async () => {
    const response = await post({ query: getIntrospectionQuery(), operationName: 'IntrospectionQuery' });
    expect([response.status, response.errors]).toEqual([200, undefined]);
    expect((response.data as { __schema: { types: unknown[] } }).__schema.types.length).toBeGreaterThan(30);
  });

  it('an operationName that is not in the document is OPERATION_RESOLUTION_FAILURE, run or compiled', async () => {
    for (const query of [
      'query Towns { towns { name } }',
      'query A { towns { name } } query B { categories { name } }',
    ]) {
      // Three times: the second and later runs of a document are compiled.
      for (let run = 0; run < 3; run++) {
        const response = await post({ query, operationName: 'Missing' });
        expect([response.status, response.data ?? null, codes(response)]).toEqual([
          200,
          null,
          ['OPERATION_RESOLUTION_FAILURE'],
        ]);
      }
    }
    const named = await post({
      query: 'query A { towns { name } } query B { categories { name } }',
      operationName: 'A',
    });
    expect(named.data).toEqual({ towns: [{ name: '托里镇' }] });
    expect(errorLines()).toEqual([]);
  });

  it('an APQ hash that does not match its query is PERSISTED_QUERY_HASH_MISMATCH', async () => {
    const response = await post({
      query: '{ towns { name } }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect([response.status, codes(response)]).toEqual([200, ['PERSISTED_QUERY_HASH_MISMATCH']]);
    const query = '{ towns { name } }';
    const sha256Hash = createHash('sha256').update(query).digest('hex');
    const good = await post({ query, extensions: { persistedQuery: { version: 1, sha256Hash } } });
    expect(good.data).toEqual({ towns: [{ name: '托里镇' }] });
    expect(errorLines()).toEqual([]);
  });

  it('a body in another charset than UTF-8 is 415 BAD_REQUEST', async () => {
    const response = await post('{"query":"{ towns { name } }"}', {
      'content-type': 'application/json; charset=latin1',
    });
    expect([response.status, codes(response)]).toEqual([415, ['BAD_REQUEST']]);
    expect(response.errors?.[0].message).toBe('unsupported charset "LATIN1": send UTF-8');
    expect(errorLines()).toEqual([]);
  });
});

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(url, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('answers a preflight from an origin it does not allow with a CORS refusal, not a CSRF error', async () => {
    const response = await preflight(hub.url, 'http://localhost:5173');
    expect([response.status, response.headers.get('access-control-allow-origin'), await response.text()]).toEqual([
      204,
      null,
      '',
    ]);
    expect(errorLines()).toEqual([]);
  });

  describe('with CORS_ORIGINS', () => {
    const allowing = useHub({ corsOrigins: ['http://localhost:5173'] });
    it('allows the listed origin and refuses others', async () => {
      const allowed = await preflight(allowing.url, 'http://localhost:5173');
      expect([allowed.status, allowed.headers.get('access-control-allow-origin')]).toEqual([
        204,
        'http://localhost:5173',
      ]);
      const other = await preflight(allowing.url, 'http://evil.example');
      expect([other.status, other.headers.get('access-control-allow-origin')]).toEqual([204, null]);
    });
  });
});

describe('arguments no row can hold', () => {
  it('a NUL character in any string argument or variable is BAD_USER_INPUT', async () => {
    const cases = [
      { query: '{ department(name: "应急\\u0000局") { name } }' },
      { query: 'query ($n: String) { category(name: $n) { name } }', variables: { n: 'a\u0000b' } },
      { query: '{ items(filter: { search: "防\\u0000汛" }) { totalCount } }' },
      { query: '{ departments(search: "\\u0000") { totalCount } }' },
      { query: '{ item(id: "\\u0000") { name } }' },
    ];
    for (const body of cases) {
      const response = await post(body);
      expect([response.status, response.data ?? null, codes(response)]).toEqual([200, null, ['BAD_USER_INPUT']]);
      expect(response.errors?.[0].message).toBe(
        'a string argument holds a NUL character (U+0000), which no name or text has',
      );
    }
    expect(errorLines()).toEqual([]);
  });

  it('forged cursors with values of the wrong kind are BAD_USER_INPUT, items and departments alike', async () => {
    const { data } = await hub.query<{ items: { nodes: { id: string }[] } }>('{ items(first: 1) { nodes { id } } }');
    const id = data?.items.nodes[0].id;
    const cursor = (...values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const itemOrder = 'TOWN:ASC,KIND:ASC,NUMBER:ASC';
    const forged = [
      `{ items(after: "${cursor(itemOrder, 'a', 'BASIC', 1, 'not-a-uuid')}") { totalCount } }`,
      `{ items(after: "${cursor(itemOrder, 'a', 'BASIC', 2 ** 40, id)}") { totalCount } }`,
      `{ items(after: "${cursor(itemOrder, 'a\u0000', 'BASIC', 1, id)}") { totalCount } }`,
      `{ items(after: "${cursor(itemOrder, 'a', 'NOT_A_KIND', 1, id)}") { totalCount } }`,
      `{ departments(after: "${cursor('NAME:ASC', 'a', 'not-a-uuid')}") { totalCount } }`,
      `{ departments(after: "${cursor('NAME:ASC', { a: 1 }, id)}") { totalCount } }`,
      `{ departments(after: "${cursor('NAME:ASC', 'a')}") { totalCount } }`,
    ];
    for (const query of forged) {
      const response = await post({ query });
      expect([query, response.status, codes(response)]).toEqual([query, 200, ['BAD_USER_INPUT']]);
    }
    expect(errorLines()).toEqual([]);
  });

  it('finds an id whatever the case of its letters', async () => {
    const { data } = await hub.query<{ items: { nodes: { id: string; number: number }[] } }>(
      '{ items(first: 1, filter: { kinds: [COOPERATIVE], numbers: [23] }) { nodes { id number } } }',
    );
    const [{ id }] = data?.items.nodes ?? [];
    const upper = id.toUpperCase();
    expect(upper).not.toBe(id);
    const response = await hub.query(`{ item(id: "${upper}") { id number } }`);
    expect(response.data?.item).toEqual({ id, number: 23 });
  });
});

describe('_entities', () => {
  const ENTITIES =
    'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Item { number } ... on Category { name } ... on Department { name } ... on Town { name } } }';

  it('a representation with a null, missing or non-string key is null with BAD_USER_INPUT, the others resolved', async () => {
    const { data } = await hub.query<{ items: { nodes: { id: string }[] } }>(
      '{ items(first: 1, filter: { kinds: [COOPERATIVE], numbers: [23] }) { nodes { id } } }',
    );
    const id = data?.items.nodes[0].id;
    const representations = [
      { __typename: 'Item', id: null },
      { __typename: 'Item', id },
      { __typename: 'Category', name: 42 },
      { __typename: 'Item' },
      { __typename: 'Department', name: '托里县应急管理局' },
      { __typename: 'Town', id: { nested: true } },
      { __typename: 'NoSuchType', id },
      { __typename: 'Item', id: id?.toUpperCase() },
    ];
    const response = await post({ query: ENTITIES, variables: { r: representations } });
    expect(response.status).toBe(200);
    expect(response.data).toEqual({
      _entities: [
        null,
        { __typename: 'Item', number: 23 },
        null,
        null,
        { __typename: 'Department', name: '托里县应急管理局' },
        null,
        null,
        { __typename: 'Item', number: 23 },
      ],
    });
    expect(response.errors?.map((error) => [error.path, error.extensions?.code])).toEqual([
      [['_entities', 0], 'BAD_USER_INPUT'],
      [['_entities', 2], 'BAD_USER_INPUT'],
      [['_entities', 3], 'BAD_USER_INPUT'],
      [['_entities', 5], 'BAD_USER_INPUT'],
      [['_entities', 6], 'BAD_USER_INPUT'],
    ]);
    expect(errorLines()).toEqual([]);
  });

  it('costs the distinct representations: 5,000 references to 255 items are one request', async () => {
    const { data } = await hub.query<{ items: { nodes: { id: string }[] } }>('{ items(first: 255) { nodes { id } } }');
    const ids = data?.items.nodes.map((node) => node.id) ?? [];
    expect(ids).toHaveLength(255);
    const representations = Array.from({ length: 5000 }, (_, i) => ({ __typename: 'Item', id: ids[i % ids.length] }));
    const response = await post({
      // Costed per reference (33 each, ten links an item), 165,001 were refused over the limit of 100,000.
      query:
        'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { number name links { relation department { name } } } } }',
      variables: { r: representations },
    });
    expect([response.status, response.errors]).toEqual([200, undefined]);
    expect((response.data as { _entities: unknown[] })._entities).toHaveLength(5000);
  });
});
