/**
 * The hub's refusals reach a client through a gateway with their code: behind @apollo/gateway and
 * Hive Gateway, a client reads QUERY_TOO_COMPLEX, BAD_USER_INPUT and NOT_FOUND as the hub said them
 * (a 4xx from the hub had become the gateway's own "400: Bad Request", INTERNAL_SERVER_ERROR).
 */
import type { ApolloServer } from '@apollo/server';
import { createGatewayRuntime, type GatewayRuntime } from '@graphql-hive/gateway';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { printHubSchema } from '../../src/graphql/schema';
import { apolloGateway, supergraphOf } from '../support/gateway';
import { useHub } from '../support/hub';

const hub = useHub({ limits: { maxCost: 2_000 } });
let apollo: ApolloServer;
let hive: GatewayRuntime;

beforeAll(async () => {
  const supergraph = supergraphOf([{ name: 'dutyhub', url: hub.url, sdl: await printHubSchema() }]);
  apollo = await apolloGateway(supergraph);
  hive = createGatewayRuntime({ supergraph, logging: false });
});

afterAll(async () => {
  await apollo.stop();
  await hive[Symbol.asyncDispose]();
});

type Result = { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };

const gateways: [string, (query: string) => Promise<Result>][] = [
  [
    '@apollo/gateway',
    async (query) => {
      const response = await apollo.executeOperation({ query });
      if (response.body.kind !== 'single') throw new Error('expected a single result');
      return response.body.singleResult as Result;
    },
  ],
  [
    'Hive Gateway',
    async (query) => {
      const response = await hive.fetch('http://gateway/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
        body: JSON.stringify({ query }),
      });
      return (await response.json()) as Result;
    },
  ],
];

describe.each(gateways)('through %s', (_name, throughGateway) => {
  const codesAndMessages = (result: Result) => result.errors?.map((error) => [error.extensions?.code, error.message]);

  it('a query over the hub’s cost limit: QUERY_TOO_COMPLEX with the hub’s message', async () => {
    const result = await throughGateway('{ items(first: 500) { nodes { kind number name } } }');
    expect(codesAndMessages(result)).toEqual([
      ['QUERY_TOO_COMPLEX', 'query cost 2001 exceeds the limit of 2000: ask for fewer rows or fields'],
    ]);
  });

  it('a bad argument: BAD_USER_INPUT', async () => {
    const result = await throughGateway('{ items(first: 501) { totalCount } }');
    expect(codesAndMessages(result)).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 500, got 501']]);
  });

  it('an unknown department on a path: NOT_FOUND', async () => {
    const unknown = '00000000-0000-5000-8000-000000000000';
    const result = await throughGateway(
      `{ departmentPath(from: "${unknown}", to: "${unknown}") { department { name } } }`,
    );
    expect(codesAndMessages(result)).toEqual([['NOT_FOUND', `no department with id ${unknown}`]]);
  });
});
