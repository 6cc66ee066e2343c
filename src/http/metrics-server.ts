/**
 * Prometheus metrics on a port of their own (METRICS_PORT), never on the API's: the API port faces
 * clients, and the metrics tell operation names, error rates, the pool and the process's memory.
 * A bearer token (METRICS_TOKEN) may guard them too, as Prometheus's `authorization` sends it.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { MetricsConfig } from '../config';
import { type HttpLimits, limitedHttpServer } from './http-limits';

export interface MetricsServer {
  /** Starts listening; resolves to the metrics URL. */
  listen(): Promise<string>;
  /** Stops listening and closes the scrapers' kept-alive connections. */
  close(): Promise<void>;
}

export function metricsServer(
  registry: Registry,
  config: MetricsConfig,
  options: { limits: HttpLimits; logger: Logger },
): MetricsServer {
  const server = limitedHttpServer(options.limits);
  const expected = config.token === undefined ? undefined : digest(`Bearer ${config.token}`);

  const answer = async (request: IncomingMessage, response: ServerResponse) => {
    const { pathname } = new URL(request.url ?? '/', 'http://metrics');
    if (pathname !== '/metrics') return send(response, 404, 'not found: metrics are on /metrics\n');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return send(response, 405, 'method not allowed\n');
    }
    const authorization = request.headers.authorization;
    // Digests of equal length, compared in constant time: the comparison tells nothing of the token.
    if (expected && !(authorization && timingSafeEqual(digest(authorization), expected))) {
      response.setHeader('www-authenticate', 'Bearer realm="dutyhub metrics"');
      return send(response, 401, 'unauthorized: send Authorization: Bearer <METRICS_TOKEN>\n');
    }
    response.setHeader('content-type', registry.contentType);
    response.end(request.method === 'HEAD' ? undefined : await registry.metrics());
  };

  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    answer(request, response).catch((error) => {
      options.logger.error({ err: error }, 'metrics not collected');
      if (!response.headersSent) send(response, 500, 'metrics not collected\n');
    });
  });

  return {
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, () => {
          server.off('error', reject);
          const { port } = server.address() as AddressInfo;
          resolve(`http://localhost:${port}/metrics`);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        if (!server.listening) return resolve();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function send(response: ServerResponse, status: number, text: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/plain; charset=utf-8');
  response.end(text);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}
