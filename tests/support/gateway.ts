/** The hub composed with other subgraphs, behind a real gateway, as the federation tests use it. */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { createGatewayRuntime } from '@graphql-hive/gateway';
import { parse } from 'graphql';
import { useSubgraphCacheControl } from '../../examples/hive-gateway/subgraph-cache-control';

/** The supergraph of these subgraphs (their SDL), composed by @apollo/composition; an error fails the test. */
export function supergraphOf(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const composition = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  return composition.supergraphSdl;
}

/** @apollo/gateway over the supergraph, each subgraph reached over HTTP, started; stop() it after. */
export async function apolloGateway(supergraphSdl: string): Promise<ApolloServer> {
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
  });
  await gateway.start();
  return gateway;
}

export interface GatewayResult {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** A gateway a client queries: its answer and the response's Cache-Control. */
export interface Gateway {
  query(query: string, variables?: Record<string, unknown>): Promise<GatewayResult & { cacheControl: string | null }>;
  stop(): Promise<void>;
}

/** The two gateways the federation tests run the same suite behind: `describe.each(GATEWAYS)`. */
export const GATEWAYS: [string, (supergraph: string) => Promise<Gateway>][] = [
  [
    '@apollo/gateway',
    async (supergraph) => {
      const server = await apolloGateway(supergraph);
      return {
        async query(query, variables) {
          const response = await server.executeOperation({ query, variables });
          if (response.body.kind !== 'single') throw new Error('expected a single result');
          return {
            ...(response.body.singleResult as GatewayResult),
            cacheControl: response.http.headers.get('cache-control') ?? null,
          };
        },
        stop: () => server.stop(),
      };
    },
  ],
  [
    'Hive Gateway',
    async (supergraph) => {
      const runtime = createGatewayRuntime({
        supergraph,
        logging: false,
        // Hive sends no Cache-Control of its own: the example plugin merges the subgraphs'.
        plugins: () => [useSubgraphCacheControl()],
      });
      return {
        async query(query, variables) {
          const response = await runtime.fetch('http://gateway/graphql', {
            method: 'POST',
            headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
            body: JSON.stringify({ query, variables }),
          });
          return { ...((await response.json()) as GatewayResult), cacheControl: response.headers.get('cache-control') };
        },
        stop: async () => {
          await runtime[Symbol.asyncDispose]();
        },
      };
    },
  ],
];
