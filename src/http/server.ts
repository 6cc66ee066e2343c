import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import cors from 'cors';
import express from 'express';
import { printSchema } from 'graphql';
import type { Logger } from 'pino';
import { cachePolicyPlugins } from '../cache/cache-policy';
import { type DatasetGenerationWatch, watchDatasetGeneration } from '../cache/dataset-generation';
import { answerPolicy, type ResponseCache, responseCacheOf } from '../cache/response-cache';
import { type Config, DEFAULT_HTTP_LIMITS, DEFAULT_LIMITS } from '../config';
import { renamedTypes } from '../graphql/build-federated-schema';
import { compiledExecution } from '../graphql/compiled-execution';
import { type Context, createContext } from '../graphql/context';
import { createFormatError, refusalsAnswered } from '../graphql/errors';
import { type Limits, requestLimits } from '../graphql/limits';
import { type ListSizes, watchListSizes } from '../graphql/list-sizes';
import { persistedOperationsPlugins } from '../graphql/persisted-operations';
import { nulRefused } from '../graphql/request-values';
import { buildHubSchema } from '../graphql/schema';
import { SliceCounts } from '../modules/aggregates/slice-counts';
import { createObservability, type Observability } from '../observability/request-metrics';
import { graphqlHttpHandler, isGraphQLRequest, sendRequestError } from './graphql-http';
import { installHealth } from './health';
import { type HttpLimits, limitedHttpServer } from './http-limits';
import { metricsServer } from './metrics-server';
import { installWeb } from './web';

export interface HubServer {
  /** Starts listening; resolves to the GraphQL endpoint's URL. */
  listen(port?: number): Promise<string>;
  /** Stops accepting, drains requests in flight, then stops Apollo and the metrics port. */
  stop(): Promise<void>;
  httpServer: http.Server;
  /** Prometheus metrics on their own port, once listening; undefined when they are off. */
  readonly metricsUrl: string | undefined;
}

/** What the server needs of the configuration; tests pass the first three, the rest has defaults. */
export type ServerConfig = Pick<Config, 'port' | 'production' | 'introspection'> &
  Partial<
    Pick<
      Config,
      | 'bodyLimit'
      | 'typePrefix'
      | 'http'
      | 'metrics'
      | 'corsOrigins'
      | 'compression'
      | 'cacheMaxAge'
      | 'responseCache'
      | 'keepSliceCounts'
      | 'persistedOperations'
      | 'executor'
      | 'preparedStatements'
    >
  > & { limits?: Partial<Limits> };

/**
 * The HTTP server: Apollo Server on /graphql (POST and GET) behind request limits, probes on
 * /healthz and /readyz, and the browser pages (src/http/web.ts): the explorer on /explorer, GraphiQL
 * on a browser's GET /graphql. Prometheus metrics on a port of their own (metrics-server.ts).
 *
 * Built from install steps, as graphile/starter builds its server: each adds one part and
 * registers how to stop it; `stop` runs those in reverse order.
 *
 * Two request pipelines on one port: GraphQL on Node's server directly (graphql-http.ts), the
 * pages and probes on Express. Express's router, request and response helpers and ETag hashing
 * cost about a third of the CPU of a simple lookup (docs/benchmarks.md), and a page served once a
 * session is not worth a second way of serving files.
 */
export async function createServer(config: ServerConfig, orm: MikroORM, logger: Logger): Promise<HubServer> {
  const httpLimits = config.http ?? DEFAULT_HTTP_LIMITS;
  const observability = createObservability(logger, orm.em.getKnex());
  const hub: Hub = {
    config,
    orm,
    logger,
    observability,
    // Its request handler is added by installRequests, once Apollo has started.
    httpServer: limitedHttpServer(httpLimits, observability.registry),
    shutdown: [],
  };
  try {
    const metrics = installMetrics(hub, httpLimits);
    const data = await installDataWatch(hub);
    const apollo = await installApollo(hub, data);
    installRequests(hub, apollo, data, renamedTypes(await buildHubSchema(config.typePrefix)));
    return {
      httpServer: hub.httpServer,
      listen: async (port = config.port) => {
        // The metrics port first: a hub that cannot serve its metrics fails before taking requests.
        await metrics.listen();
        return listen(hub.httpServer, port);
      },
      stop: () => stopAll(hub),
      get metricsUrl() {
        return metrics.url;
      },
    };
  } catch (error) {
    await stopAll(hub);
    throw error;
  }
}

/** What the install steps share, and where each registers how to stop what it started. */
interface Hub {
  config: ServerConfig;
  orm: MikroORM;
  logger: Logger;
  observability: Observability;
  httpServer: http.Server;
  shutdown: (() => Promise<void>)[];
}

/** Runs the shutdown actions, the last registered first. */
async function stopAll(hub: Hub): Promise<void> {
  for (const action of hub.shutdown.splice(0).reverse()) await action();
}

function listen(server: http.Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      const { port: bound } = server.address() as AddressInfo;
      resolve(`http://localhost:${bound}/graphql`);
    });
  });
}

/** Prometheus metrics on their own port (none when METRICS_PORT is 0); closed last. */
function installMetrics(hub: Hub, limits: HttpLimits): { listen(): Promise<void>; readonly url: string | undefined } {
  const { metrics: config } = hub.config;
  const server = config && metricsServer(hub.observability.registry, config, { limits, logger: hub.logger });
  let url: string | undefined;
  if (server) hub.shutdown.push(() => server.close());
  return {
    async listen() {
      url = await server?.listen();
    },
    get url() {
      return url;
    },
  };
}

/** What follows the data as imports change it. */
interface DataWatch {
  generation: DatasetGenerationWatch;
  sizes: ListSizes;
  responseCache: ResponseCache<Context> | undefined;
  sliceCounts: SliceCounts | undefined;
  limits: Limits;
}

/**
 * One watch of the dataset generation for what follows the data: the list sizes the cost counts
 * with, and what keys its answers by the generation (response cache, slice counts).
 */
async function installDataWatch(hub: Hub): Promise<DataWatch> {
  const { config, orm, logger } = hub;
  const generation = watchDatasetGeneration({
    url: orm.config.get('clientUrl') as string,
    logger: logger.child({ component: 'dataset-generation' }),
  });
  await generation.start();
  hub.shutdown.push(() => generation.stop());
  const sizes = watchListSizes({
    knex: orm.em.getKnex(),
    generation,
    logger: logger.child({ component: 'list-sizes' }),
  });
  await sizes.start();
  hub.shutdown.push(async () => sizes.stop());
  const limits: Limits = { ...DEFAULT_LIMITS, ...config.limits };
  const responseCache = responseCacheOf<Context>(config.responseCache ?? { store: 'off' }, {
    generation,
    logger,
    registry: hub.observability.registry,
    policy: answerPolicy({
      schema: createHash('sha256')
        .update(printSchema(await buildHubSchema(config.typePrefix)))
        .digest('hex'),
      limits,
      production: config.production,
      introspection: config.introspection,
      cacheMaxAge: config.cacheMaxAge,
      persistedOperations: await manifestDigest(config.persistedOperations),
    }),
  });
  const sliceCounts = config.keepSliceCounts ? new SliceCounts(generation) : undefined;
  return { generation, sizes, responseCache, sliceCounts, limits };
}

/** Apollo Server with the hub's schema, executor, limits and plugins, started; stopped with the hub. */
async function installApollo(hub: Hub, data: DataWatch): Promise<ApolloServer<Context>> {
  const { config, logger, httpServer, observability } = hub;
  const schema = await buildHubSchema(config.typePrefix);
  const limits = requestLimits<Context>(schema, data.limits, { production: config.production, sizes: data.sizes });
  const apollo = new ApolloServer<Context>({
    // Operations run compiled (graphql-jit) through Apollo's executor hook, its gateway interface.
    gateway: compiledExecution(schema, logger, config.executor),
    // Apollo's own messages (e.g. inline tracing enabled) as structured logs too.
    logger: logger.child({ component: 'apollo' }),
    formatError: createFormatError({ production: config.production, logger }),
    includeStacktraceInErrorResponses: !config.production,
    // Federation's `_service { sdl }` answers whether or not introspection is on.
    introspection: config.introspection,
    validationRules: limits.validationRules,
    parseOptions: limits.parseOptions,
    // The process's owner (src/cli/commands.ts) handles SIGINT and SIGTERM. Apollo's own handler
    // stops Apollo and then re-raises the signal, which killed the process before the pool, the
    // embedded database and the trace exporter were closed.
    stopOnTerminationSignals: false,
    plugins: [
      // Stops accepting and drains the requests in flight when Apollo stops.
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No CDN-loaded landing page: src/http/web.ts serves a self-hosted GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      // The allow-list and the selection limit refuse before parsing: answered as their refusals.
      refusalsAnswered<Context>(),
      observability.apolloPlugin,
      ...cachePolicyPlugins(config.cacheMaxAge ?? 0),
      ...(data.responseCache ? [data.responseCache.plugin] : []),
      ...(await persistedOperationsPlugins<Context>(
        config.persistedOperations ?? { manifest: undefined, only: false },
      )),
      ...(limits.plugins ?? []),
      nulRefused<Context>(),
    ],
  });
  await apollo.start();
  hub.shutdown.push(() => apollo.stop());
  return apollo;
}

/** The request handler: GraphQL on Node's server directly, the pages and probes on Express. */
function installRequests(
  hub: Hub,
  apollo: ApolloServer<Context>,
  data: DataWatch,
  renamed: Record<string, string>,
): void {
  const { config, orm, logger, observability } = hub;
  const app = express();
  app.disable('x-powered-by');
  app.use(observability.requestContext);
  installHealth(app, orm);
  installWeb(app, { logger, compression: config.compression, renamedTypes: renamed });
  app.use(((error, _request, response, _next) =>
    sendRequestError(response, error, logger)) as express.ErrorRequestHandler);
  const graphql = graphqlHttpHandler(apollo, {
    cors: { origin: corsOrigin(config.corsOrigins ?? []) },
    compression: config.compression,
    bodyLimit: config.bodyLimit ?? '1mb',
    context: async (request) =>
      createContext(orm, observability.loggerOf(request), {
        preparedStatements: config.preparedStatements,
        sliceCounts: data.sliceCounts,
      }),
    logger,
    responseCache: data.responseCache,
    maxResponseBytes: data.limits.maxResponseBytes,
    onKeptAnswer: observability.keptAnswer,
  });
  hub.httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (isGraphQLRequest(request)) observability.requestContext(request, response, () => graphql(request, response));
    else app(request, response);
  });
}

/** The allow-list as it decides: whether it is on, and the operations it lists. */
async function manifestDigest(config: ServerConfig['persistedOperations']): Promise<string | null> {
  if (!config?.manifest) return null;
  const manifest = await readFile(config.manifest);
  return `${config.only}:${createHash('sha256').update(manifest).digest('hex')}`;
}

/** No CORS headers unless origins are configured; `*` allows any origin. */
function corsOrigin(origins: string[]): cors.CorsOptions['origin'] {
  if (origins.includes('*')) return true;
  return origins.length > 0 ? origins : false;
}
