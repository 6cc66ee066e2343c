/** The hub composed with other subgraphs, behind a real gateway, as the federation tests use it. */
import { composeServices } from '@apollo/composition';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { type ITrace, Trace } from '@apollo/usage-reporting-protobuf';
import { createGatewayRuntime, type GatewayPlugin } from '@graphql-hive/gateway';
import { parse } from 'graphql';
import { useSubgraphCacheControl } from '../../examples/hive-gateway/subgraph-cache-control';
import { useForBlock } from './lifecycle';

/** The supergraph of these subgraphs (their SDL), composed by @apollo/composition; an error fails the test. */
export function supergraphOf(subgraphs: { name: string; url: string; sdl: string }[]): string {
  const composition = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  return composition.supergraphSdl;
}

/** @apollo/gateway over the supergraph, each subgraph reached over HTTP, started; stop() it after. */
export async function apolloGateway(supergraphSdl: string, plugins: ApolloServerPlugin[] = []): Promise<ApolloServer> {
  const gateway = new ApolloServer({
    gateway: new ApolloGateway({ supergraphSdl, buildService: ({ url }) => new RemoteGraphQLDataSource({ url }) }),
    plugins,
  });
  await gateway.start();
  return gateway;
}

export interface GatewayResult {
  data?: Record<string, any> | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[];
}

/** A subgraph's inline trace (ftv1) as a gateway received it: the subgraph and its root fields. */
export interface SubgraphTrace {
  subgraph: string;
  fields: string[];
}

/** A gateway a client queries: its answer and the response's Cache-Control. */
export interface Gateway {
  query(query: string, variables?: Record<string, unknown>): Promise<GatewayResult & { cacheControl: string | null }>;
  /** The subgraphs' ftv1 traces the gateway received answering `query`, asked for as its deployment would. */
  traces(query: string): Promise<SubgraphTrace[]>;
  stop(): Promise<void>;
}

const INCLUDE_TRACE = 'apollo-federation-include-trace';

/** The two gateways the federation tests run the same suite behind: `describe.each(GATEWAYS)`. */
export const GATEWAYS: [string, (supergraph: string) => Promise<Gateway>][] = [
  [
    '@apollo/gateway',
    async (supergraph) => {
      // What usage reporting does: it asks the gateway to capture traces, and the gateway asks
      // each subgraph for its ftv1 trace and keeps it in the query plan's trace.
      let tracing: { plan?: Trace.IQueryPlanNode | null } | undefined;
      const server = await apolloGateway(supergraph, [
        {
          async requestDidStart({ metrics }) {
            const captured = tracing;
            if (!captured) return;
            metrics.captureTraces = true;
            return {
              async willSendResponse({ metrics: { queryPlanTrace } }) {
                captured.plan = queryPlanTrace;
              },
            };
          },
        },
      ]);
      const query = async (query: string, variables?: Record<string, unknown>) => {
        const response = await server.executeOperation({ query, variables });
        if (response.body.kind !== 'single') throw new Error('expected a single result');
        return {
          ...(response.body.singleResult as GatewayResult),
          cacheControl: response.http.headers.get('cache-control') ?? null,
        };
      };
      return {
        query,
        async traces(text) {
          tracing = {};
          try {
            await query(text);
            return fetchesOf(tracing.plan).map(({ serviceName, trace }) => ({
              subgraph: serviceName ?? '',
              fields: rootFieldsOf(trace),
            }));
          } finally {
            tracing = undefined;
          }
        },
        stop: () => server.stop(),
      };
    },
  ],
  [
    'Hive Gateway',
    async (supergraph) => {
      const subgraphsByUrl = new Map(
        [...supergraph.matchAll(/@join__graph\(name: "(\w+)", url: "([^"]+)"\)/gu)].map(([, name, url]) => [url, name]),
      );
      const received: SubgraphTrace[] = [];
      const runtime = createGatewayRuntime({
        supergraph,
        logging: false,
        // Hive Gateway asks no subgraph for ftv1 itself: a deployment that wants the traces
        // passes the client's header on, and reads them from the subgraphs' answers.
        propagateHeaders: {
          fromClientToSubgraphs: ({ request }): Record<string, string> =>
            request.headers.get(INCLUDE_TRACE) === 'ftv1' ? { [INCLUDE_TRACE]: 'ftv1' } : {},
        },
        // Hive sends no Cache-Control of its own: the example plugin merges the subgraphs'.
        plugins: () => [useSubgraphCacheControl(), ftv1Reader(subgraphsByUrl, received)],
      });
      const send = async (query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) => {
        const response = await runtime.fetch('http://gateway/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
          body: JSON.stringify({ query, variables }),
        });
        return { ...((await response.json()) as GatewayResult), cacheControl: response.headers.get('cache-control') };
      };
      return {
        query: (query, variables) => send(query, variables),
        async traces(query) {
          received.length = 0;
          await send(query, undefined, { [INCLUDE_TRACE]: 'ftv1' });
          return [...received];
        },
        stop: async () => {
          await runtime[Symbol.asyncDispose]();
        },
      };
    },
  ],
];

/** Records the ftv1 trace of each subgraph answer that carries one. */
function ftv1Reader(subgraphsByUrl: Map<string, string>, received: SubgraphTrace[]): GatewayPlugin {
  return {
    onFetch({ url }) {
      return async ({ response }) => {
        const body = (await response.clone().json()) as { extensions?: { ftv1?: string } };
        const ftv1 = body.extensions?.ftv1;
        if (!ftv1) return;
        const trace = Trace.decode(Buffer.from(ftv1, 'base64'));
        received.push({ subgraph: subgraphsByUrl.get(url) ?? url, fields: rootFieldsOf(trace) });
      };
    },
  };
}

/** The fetches of a query plan's trace, in plan order. */
function fetchesOf(node: Trace.IQueryPlanNode | null | undefined): Trace.QueryPlanNode.IFetchNode[] {
  if (!node) return [];
  if (node.fetch) return [node.fetch];
  return [
    ...(node.sequence?.nodes ?? []),
    ...(node.parallel?.nodes ?? []),
    node.flatten?.node,
    node.defer?.primary?.node,
    node.condition?.ifClause,
    node.condition?.elseClause,
  ].flatMap(fetchesOf);
}

function rootFieldsOf(trace: ITrace | null | undefined): string[] {
  return (trace?.root?.child ?? []).map((child) => child.responseName ?? '');
}

/**
 * A gateway (one of GATEWAYS) over the supergraph of `subgraphs`, for the calling describe block:
 * started in its beforeAll, once the subgraphs it names are up, and stopped in its afterAll.
 */
export function useGateway(
  startGateway: (supergraph: string) => Promise<Gateway>,
  subgraphs: () => Promise<{ name: string; url: string; sdl: string }[]>,
): Gateway {
  return useForBlock(
    'the gateway',
    async () => startGateway(supergraphOf(await subgraphs())),
    (gateway) => gateway.stop(),
  );
}
