/**
 * Thousands of queries generated from the schema, with arguments and variables valid and invalid:
 * no 5xx, no unknown error code, no connection left checked out, and the hub still answers.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { buildHubSchema } from '../../src/schema';
import { startHub, type TestHub } from '../support/hub';
import { QueryFuzzer, random } from '../support/query-fuzzer';

const QUERIES = 2000;
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'QUERY_TOO_COMPLEX',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'PERSISTED_QUERY_NOT_FOUND',
]);

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub({ production: true });
});
afterAll(async () => {
  await hub.close();
});

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
});
