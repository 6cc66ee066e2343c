import { existsSync } from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import { projectRoot } from '../config';
import { compressAnswers } from './compression';
import { isGraphQLRequest } from './graphql-http';

export interface WebOptions {
  /** Where `npm run build:web` wrote the pages; default `dist/web` of the project. */
  webRoot?: string;
  logger?: Logger;
  /** Pages and assets compressed for browsers (compression.ts); default true. */
  compression?: boolean;
  /**
   * The contract's type names the hub serves renamed (FEDERATION_TYPE_PREFIX), as renamedTypes
   * gives them: the pages' operations are written in the contract's names and rename these.
   */
  renamedTypes?: Record<string, string>;
}

const NOT_BUILT = 'The web pages are not built: run `npm run build:web` (or `npm run build`), then reload.\n';

/**
 * The browser pages Vite builds into dist/web (see vite.config.mts):
 * - /explorer: the department network explorer, with its assets under /explorer/assets/;
 * - /explorer/versions: a town's versions, the changes between two, two towns compared;
 * - /explorer/names.json: the type names the pages' operations must use (`renamedTypes`);
 * - GraphQL's page, GraphiQL, on a browser's GET /graphql (Accept: text/html, no `query` parameter).
 *   Every other request on /graphql (POST, GET with `?query=`, GET from curl or a client) is GraphQL's
 *   (src/http/graphql-http.ts). The folder is looked up per request: a missing build answers 503
 * with what to run, and a build made while the server runs is served without a restart.
 */
export function installWeb(app: express.Express, options: WebOptions = {}): void {
  const webRoot = path.resolve(options.webRoot ?? path.join(projectRoot(), 'dist', 'web'));
  const explorerPage = path.join(webRoot, 'explorer', 'index.html');
  const graphiqlPage = path.join(webRoot, 'graphiql', 'index.html');
  const versionsPage = path.join(webRoot, 'versions', 'index.html');

  const sendPage = (page: string, response: express.Response) => {
    if (!existsSync(page)) {
      options.logger?.warn({ page }, 'web page not built');
      response.status(503).type('text/plain').send(NOT_BUILT);
      return;
    }
    // The page names its hashed assets: always revalidate it, cache the assets for good.
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(page);
  };

  // GraphiQL's page and assets, 1.43 MB, go as 0.60 MB (docs/benchmarks.md, "Compression").
  if (options.compression !== false) app.use(['/explorer', '/graphql'], compressAnswers());

  // Non-strict routing: '/explorer' and '/explorer/'.
  app.get('/explorer', (_request, response) => sendPage(explorerPage, response));
  app.get('/explorer/versions', (_request, response) => sendPage(versionsPage, response));
  const names = JSON.stringify({ renamedTypes: options.renamedTypes ?? {} });
  app.get('/explorer/names.json', (_request, response) => {
    response.setHeader('cache-control', 'no-cache');
    response.type('application/json').send(names);
  });
  app.use(
    '/explorer/assets',
    express.static(path.join(webRoot, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );

  app.get('/graphql', (request, response, next) => {
    if (isGraphQLRequest(request)) {
      next();
      return;
    }
    sendPage(graphiqlPage, response);
  });
}
