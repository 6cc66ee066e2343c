/** Every limit refuses with a stable code and a message that names it; ordinary requests pass. */
import { describe, expect, it } from '@jest/globals';
import { useHub } from '../support/hub';

const hub = useHub({
  limits: { maxDepth: 8, maxCost: 5_000, maxAliases: 5, maxTokens: 400, maxDirectives: 4 },
  bodyLimit: '20kb',
});

const refusal = async (query: string, variables?: Record<string, unknown>) => {
  const response = await hub.query(query, variables);
  expect(response.data ?? null).toBeNull();
  return response.errors?.map((error) => [error.extensions?.code, error.message]);
};

describe('request limits', () => {
  it('lets an ordinary dashboard query through', async () => {
    const { errors, data } = await hub.query(
      '{ items(first: 20) { totalCount nodes { name category { name } links { department { name } } } } }',
    );
    expect(errors).toBeUndefined();
    expect(data?.items.totalCount).toBe(255);
  });

  it('refuses depth beyond the limit', async () => {
    const deep = '{ departments { nodes { items { nodes { links { department { items { nodes { name } } } } } } } } }';
    expect(await refusal(deep)).toEqual([
      ['QUERY_TOO_COMPLEX', 'Syntax Error: Query depth limit of 8 exceeded, found 9.'],
    ]);
  });

  it('refuses a cost beyond the limit, counting rows asked for', async () => {
    expect(await refusal('{ items(first: 500) { nodes { name links { department { name } } } } }')).toEqual([
      ['QUERY_TOO_COMPLEX', 'query cost 11501 exceeds the limit of 5000: ask for fewer rows or fields'],
    ]);
    const { errors } = await hub.query('{ items(first: 100) { nodes { name links { department { name } } } } }');
    expect(errors).toBeUndefined();
  });

  it('prices one document anew for other variables (costs are kept per document and variables)', async () => {
    const query = 'query ($first: Int) { items(first: $first) { nodes { name links { department { name } } } } }';
    const costs = [];
    for (const first of [100, 500, 100, 500]) {
      const { errors } = await hub.query(query, { first });
      costs.push(errors?.[0].message ?? 'accepted');
    }
    const refused = 'query cost 11501 exceeds the limit of 5000: ask for fewer rows or fields';
    expect(costs).toEqual(['accepted', refused, 'accepted', refused]);
  });

  it('prices _entities by the number of distinct representations', async () => {
    const representations = Array.from({ length: 300 }, (_, i) => ({ __typename: 'Item', id: `x${i}` }));
    const errors = await refusal(
      'query ($r: [_Any!]!) { _entities(representations: $r) { ... on Item { name links { department { name } } } } }',
      { r: representations },
    );
    expect(errors?.[0][0]).toBe('QUERY_TOO_COMPLEX');
    expect(errors?.[0][1]).toMatch(/^query cost \d+ exceeds the limit of 5000/u);
  });

  it('refuses too many aliases, tokens and directives', async () => {
    const aliases = `{ ${Array.from({ length: 6 }, (_, i) => `a${i}: towns { name }`).join(' ')} }`;
    expect((await refusal(aliases))?.[0][0]).toBe('QUERY_TOO_COMPLEX');
    expect((await refusal(aliases))?.[0][1]).toMatch(/Aliases limit of 5 exceeded/u);
    const tokens = `{ towns { ${'name '.repeat(400)} } }`;
    expect((await refusal(tokens))?.[0][1]).toMatch(/Token limit of 400 exceeded/u);
    const directives = `{ towns { name ${'@include(if: true) '.repeat(5)} } }`;
    expect((await refusal(directives))?.[0][1]).toMatch(/Directives limit of 4 exceeded/u);
  });

  it('refuses a body above the size limit with a JSON error, and malformed JSON likewise', async () => {
    const big = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ towns { name } } # ${'x'.repeat(30_000)}` }),
    });
    expect(big.status).toBe(413);
    expect(await big.json()).toEqual({
      errors: [{ message: 'request body larger than 20480 bytes', extensions: { code: 'PAYLOAD_TOO_LARGE' } }],
    });
    const malformed = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"query": ',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toEqual({
      errors: [{ message: 'request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }],
    });
  });

  it('refuses batched requests', async () => {
    const response = await fetch(hub.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify([{ query: '{ towns { name } }' }, { query: '{ towns { name } }' }]),
    });
    expect(response.status).toBe(400);
  });
});
