import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware } from '@as-integrations/express5';
import type { MikroORM } from '@mikro-orm/postgresql';
import express from 'express';
import type { Logger } from 'pino';
import type { Config } from './config';
import { type Context, createContext } from './context';
import { createFormatError } from './errors';
import { buildHubSchema } from './schema';
import { installWeb } from './web';

export interface HubServer {
  /** Starts listening; resolves to the GraphQL endpoint's URL. */
  listen(port?: number): Promise<string>;
  /** Stops accepting, drains requests in flight, then stops Apollo. */
  stop(): Promise<void>;
  httpServer: http.Server;
}

/**
 * The HTTP server: Apollo Server on /graphql (POST and GET), a liveness probe on /healthz, and the browser
 * pages (src/web.ts): the explorer on /explorer, GraphiQL on a browser's GET /graphql.
 */
export async function createServer(
  config: Pick<Config, 'port' | 'production' | 'introspection'>,
  orm: MikroORM,
  logger: Logger,
): Promise<HubServer> {
  const app = express();
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<Context>({
    schema: await buildHubSchema(),
    // Apollo's own messages (e.g. inline tracing enabled) as structured logs too.
    logger: logger.child({ component: 'apollo' }),
    formatError: createFormatError({ production: config.production, logger }),
    includeStacktraceInErrorResponses: !config.production,
    // Federation's `_service { sdl }` answers whether or not introspection is on.
    introspection: config.introspection,
    // No CDN-loaded landing page: src/web.ts serves a self-hosted GraphiQL instead.
    plugins: [ApolloServerPluginDrainHttpServer({ httpServer }), ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  app.disable('x-powered-by');
  app.get('/healthz', (_request, response) => {
    response.json({ status: 'ok' });
  });
  installWeb(app, { logger });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, { context: async () => createContext(orm, logger) }),
  );

  return {
    httpServer,
    listen: (port = config.port) =>
      new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, () => {
          const { port: bound } = httpServer.address() as AddressInfo;
          resolve(`http://localhost:${bound}/graphql`);
        });
      }),
    stop: () => apollo.stop(),
  };
}
