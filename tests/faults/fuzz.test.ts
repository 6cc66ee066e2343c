/**
 * Thousands of queries generated from the schema, with arguments and variables valid and invalid:
 * no 5xx, no unknown error code, no connection left checked out, and the hub still answers.
 */
import { describe, expect, it } from '@jest/globals';
import { buildHubSchema } from '../../src/graphql/schema';
import { useHub } from '../support/hub';
import { QueryFuzzer, random } from '../support/query-fuzzer';

const QUERIES = 2000;
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_HASH_MISMATCH',
  'OPERATION_RESOLUTION_FAILURE',
  'BAD_REQUEST',
]);

const hub = useHub({ production: true });

describe('fuzzing', () => {
  it(`answers ${QUERIES} generated queries without a 5xx or an unknown error`, async () => {
    const fuzzer = new QueryFuzzer(await buildHubSchema(), random(20261128));
    const statuses = new Map<number, number>();
    const codes = new Map<string, number>();
    let answered = 0;
    for (let i = 0; i < QUERIES; i += 8) {
      const batch = Array.from({ length: Math.min(8, QUERIES - i) }, () => fuzzer.operation());
      const responses = await Promise.all(batch.map(({ query, variables }) => hub.query(query, variables)));
      for (const [j, response] of responses.entries()) {
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500)
          throw new Error(
            `${response.status}\n${batch[j].query}\n${JSON.stringify(batch[j].variables)}\n${JSON.stringify(response.errors)}`,
          );
        for (const error of response.errors ?? []) {
          const code = String(error.extensions?.code);
          codes.set(code, (codes.get(code) ?? 0) + 1);
          if (!KNOWN_CODES.has(code))
            throw new Error(`${code}: ${error.message}\n${batch[j].query}\n${JSON.stringify(batch[j].variables)}`);
        }
        if (response.data) answered++;
      }
    }
    if (process.env.FUZZ_DEBUG) console.log({ answered, statuses, codes });
    expect([...statuses.keys()].filter((status) => status >= 500)).toEqual([]);
    // Enough of them are valid and get data, enough are refused: both paths were exercised.
    expect(answered).toBeGreaterThan(QUERIES / 10);
    expect(codes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(QUERIES / 20);

    // Every response waited for its request's statements (RequestSql.settled): none is running.
    const pool = hub.database.orm.em.getKnex().client.pool;
    expect([pool.numUsed(), pool.numPendingAcquires()]).toEqual([0, 0]);
    const { data } = await hub.query('{ towns { name } }');
    expect(data).toEqual({ towns: [{ name: '托里镇' }] });
  }, 300_000);

  it('answers malformed requests on the wire with a 4xx or 200 and a known code, never a 5xx', async () => {
    const rng = random(20261206);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
    const ids = ['6a7adf5f-468b-5234-b14f-b834d0e15003', '6A7ADF5F-468B-5234-B14F-B834D0E15003', 'x', ''];
    const representation = () =>
      pick([
        { __typename: 'Item', id: pick([null, 42, {}, [], ...ids]) },
        { __typename: 'Category', name: pick([null, 42, '应急管理及消防', 'a\u0000']) },
        { __typename: 'Department', id: pick([null, ...ids]), name: pick([undefined, true, '托里县应急管理局']) },
        { __typename: 'Town' },
        { __typename: pick(['Nope', '', 'Query']), id: pick(ids) },
      ]);
    const bodies: [string, string][] = [
      ['{"query": ', 'application/json'],
      ['[]', 'application/json'],
      ['{"query": 42}', 'application/json'],
      ['{"query":"{ towns { name } }"}', 'application/json; charset=latin1'],
      ['{"query":"{ towns { name } }"}', 'application/json; charset=utf-16'],
      ['\u0000\u0001', 'application/json'],
      [
        '{"query":"{ towns { name } }","extensions":{"persistedQuery":{"version":1,"sha256Hash":"abc"}}}',
        'application/json',
      ],
      [
        '{"query":"{ towns { name } }","extensions":{"persistedQuery":{"version":2,"sha256Hash":"abc"}}}',
        'application/json',
      ],
      ['{"query":"{ towns { name } }","operationName":"Nope"}', 'application/json'],
      ['{"query":"{ towns { name } }","variables":"nope"}', 'application/json'],
      ['{"query":"{ towns { name ","variables":{}}', 'application/json'],
      [JSON.stringify({ query: `{ towns { ${'name '.repeat(3000)} } }` }), 'application/json'],
      ['{"query":"{ towns { name } }"}', 'text/plain'],
    ];
    for (let i = 0; i < 200; i++) {
      bodies.push([
        JSON.stringify({
          query:
            'query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Item { number } ... on Category { name } ... on Department { name } } }',
          variables: { r: Array.from({ length: 1 + Math.floor(rng() * 4) }, representation) },
        }),
        'application/json',
      ]);
    }
    const statuses = new Set<number>();
    for (const [body, contentType] of bodies) {
      for (const accept of ['application/json', 'application/graphql-response+json']) {
        const response = await fetch(hub.url, {
          method: 'POST',
          headers: { 'content-type': contentType, accept },
          body,
        });
        statuses.add(response.status);
        const text = await response.text();
        if (response.status >= 500)
          throw new Error(`${response.status} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`);
        const { errors } = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
        for (const error of errors ?? []) {
          if (!KNOWN_CODES.has(String(error.extensions?.code))) {
            throw new Error(`${error.extensions?.code} for ${body.slice(0, 200)}: ${text.slice(0, 300)}`);
          }
        }
      }
    }
    expect([...statuses].filter((status) => status >= 500)).toEqual([]);
    const pool = hub.database.orm.em.getKnex().client.pool;
    expect([pool.numUsed(), pool.numPendingAcquires()]).toEqual([0, 0]);
  });
});
