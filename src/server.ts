import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { MikroORM } from '@mikro-orm/postgresql';
import cors from 'cors';
import express from 'express';
import { printSchema } from 'graphql';
import type { Logger } from 'pino';
import { cachePolicyPlugins } from './cache/cache-policy';
import { watchDatasetGeneration } from './cache/dataset-generation';
import { answerPolicy, responseCacheOf } from './cache/response-cache';
import { compiledExecution } from './compiled-execution';
import { type Config, DEFAULT_HTTP_LIMITS, DEFAULT_LIMITS } from './config';
import { type Context, createContext } from './context';
import { createFormatError } from './errors';
import { graphqlHttpHandler, isGraphQLRequest, sendRequestError } from './graphql-http';
import { installHealth } from './health';
import { limitedHttpServer } from './http-limits';
import { type Limits, requestLimits } from './limits';
import { watchListSizes } from './list-sizes';
import { metricsServer } from './metrics-server';
import { SliceCounts } from './modules/aggregates/slice-counts';
import { createObservability } from './observability';
import { persistedOperationsPlugins } from './persisted-operations';
import { nulRefused } from './request-values';
import { buildHubSchema } from './schema';
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
      | 'http'
      | 'metrics'
      | 'corsOrigins'
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
 * /healthz and /readyz, and the browser pages (src/web.ts): the explorer on /explorer, GraphiQL on
 * a browser's GET /graphql. Prometheus metrics on a port of their own (src/metrics-server.ts).
 */
export async function createServer(config: ServerConfig, orm: MikroORM, logger: Logger): Promise<HubServer> {
  const schema = await buildHubSchema();
  const observability = createObservability(logger, orm.em.getKnex());
  const httpLimits = config.http ?? DEFAULT_HTTP_LIMITS;
  // Its request handler is added once Apollo has started, below.
  const httpServer = limitedHttpServer(httpLimits, observability.registry);
  const metrics =
    config.metrics && metricsServer(observability.registry, config.metrics, { limits: httpLimits, logger });
  let metricsUrl: string | undefined;
  const responseCacheConfig = config.responseCache ?? { store: 'off' };
  // One watch of the dataset generation for what follows the data: the list sizes the cost counts
  // with, and what keys its answers by the generation (response cache, slice counts).
  const generation = watchDatasetGeneration({
    url: orm.config.get('clientUrl') as string,
    logger: logger.child({ component: 'dataset-generation' }),
  });
  const limitsConfig: Limits = { ...DEFAULT_LIMITS, ...config.limits };
  const sizes = watchListSizes({
    knex: orm.em.getKnex(),
    generation,
    logger: logger.child({ component: 'list-sizes' }),
  });
  const responseCache = responseCacheOf<Context>(responseCacheConfig, {
    generation,
    logger,
    registry: observability.registry,
    policy: answerPolicy({
      schema: createHash('sha256').update(printSchema(schema)).digest('hex'),
      limits: limitsConfig,
      production: config.production,
      introspection: config.introspection,
      cacheMaxAge: config.cacheMaxAge,
      persistedOperations: await manifestDigest(config.persistedOperations),
    }),
  });
  const sliceCounts = config.keepSliceCounts ? new SliceCounts(generation) : undefined;
  const limits = requestLimits<Context>(schema, limitsConfig, { production: config.production, sizes });
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
    // The process's owner (src/cli-run.ts) handles SIGINT and SIGTERM. Apollo's own handler stops
    // Apollo and then re-raises the signal, which killed the process before the pool, the embedded
    // database and the trace exporter were closed.
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // No CDN-loaded landing page: src/web.ts serves a self-hosted GraphiQL instead.
      ApolloServerPluginLandingPageDisabled(),
      observability.apolloPlugin,
      ...cachePolicyPlugins(config.cacheMaxAge ?? 0),
      startedWithApollo(generation),
      startedWithApollo({ start: () => sizes.start(), stop: async () => sizes.stop() }),
      ...(responseCache ? [responseCache.plugin] : []),
      ...(await persistedOperationsPlugins<Context>(
        config.persistedOperations ?? { manifest: undefined, only: false },
      )),
      ...(limits.plugins ?? []),
      nulRefused<Context>(),
    ],
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.use(observability.requestContext);
  installHealth(app, orm);
  installWeb(app, { logger });
  app.use(((error, _request, response, _next) =>
    sendRequestError(response, error, logger)) as express.ErrorRequestHandler);
  const graphql = graphqlHttpHandler(apollo, {
    cors: { origin: corsOrigin(config.corsOrigins ?? []) },
    bodyLimit: config.bodyLimit ?? '1mb',
    context: async (request) =>
      createContext(orm, observability.loggerOf(request), {
        preparedStatements: config.preparedStatements,
        sliceCounts,
      }),
    logger,
    responseCache,
    maxResponseBytes: limitsConfig.maxResponseBytes,
    onKeptAnswer: observability.keptAnswer,
  });
  // GraphQL on Node's server directly (src/graphql-http.ts); pages, probes and metrics on Express.
  httpServer.on('request', (request: http.IncomingMessage, response: http.ServerResponse) => {
    if (isGraphQLRequest(request)) observability.requestContext(request, response, () => graphql(request, response));
    else app(request, response);
  });

  return {
    httpServer,
    listen: async (port = config.port) => {
      // The metrics port first: a hub that cannot serve its metrics fails before taking requests.
      metricsUrl = await metrics?.listen();
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://localhost:${bound}/graphql`);
        });
      });
    },
    stop: async () => {
      await apollo.stop();
      await metrics?.close();
    },
    get metricsUrl() {
      return metricsUrl;
    },
  };
}

/** The allow-list as it decides: whether it is on, and the operations it lists. */
async function manifestDigest(config: ServerConfig['persistedOperations']): Promise<string | null> {
  if (!config?.manifest) return null;
  const manifest = await readFile(config.manifest);
  return `${config.only}:${createHash('sha256').update(manifest).digest('hex')}`;
}

/** Starts and stops `part` with Apollo. */
function startedWithApollo(part: { start(): Promise<void>; stop(): Promise<void> }): ApolloServerPlugin<Context> {
  return {
    async serverWillStart() {
      await part.start();
      return {
        async serverWillStop() {
          await part.stop();
        },
      };
    },
  };
}

/** No CORS headers unless origins are configured; `*` allows any origin. */
function corsOrigin(origins: string[]): cors.CorsOptions['origin'] {
  if (origins.includes('*')) return true;
  return origins.length > 0 ? origins : false;
}
