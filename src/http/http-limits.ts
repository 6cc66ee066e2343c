/**
 * What a client may hold of the HTTP server: how long it may take to send a request's headers and
 * the whole request, how long an idle kept-alive connection stays open, and how many connections
 * the server keeps at most. Node's defaults (60 s for the headers, 300 s for a request, no cap, the
 * timeouts checked every 30 s) let 2,000 clients sending a byte at a time hold a hub for minutes.
 */
import http from 'node:http';
import { Counter, type Registry } from 'prom-client';

export interface HttpLimits {
  /** A request's headers must have arrived this long after its first byte (or after the connection opened). */
  headersTimeoutMs: number;
  /** The whole request, its body included, must have arrived by then; 0: no limit. */
  requestTimeoutMs: number;
  /** A kept-alive connection with no request for this long is closed. */
  keepAliveTimeoutMs: number;
  /** Connections beyond this many are closed as they open; 0: no cap. */
  maxConnections: number;
}

/**
 * An HTTP server that enforces `limits`: a client too slow gets `408 Request Timeout` and its
 * connection closed; a connection beyond the cap is closed at once, without an answer, and counted
 * in `dutyhub_http_connections_dropped_total` when a registry is given.
 */
export function limitedHttpServer(limits: HttpLimits, registry?: Registry): http.Server {
  const server = http.createServer({
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    // How often Node looks for connections past the two timeouts: at most a second late.
    connectionsCheckingInterval: Math.min(
      1_000,
      ...[limits.headersTimeoutMs, limits.requestTimeoutMs].filter((ms) => ms > 0),
    ),
  });
  if (limits.maxConnections > 0) server.maxConnections = limits.maxConnections;
  if (registry) {
    const dropped = new Counter({
      name: 'dutyhub_http_connections_dropped_total',
      help: 'Connections closed as they opened, beyond HTTP_MAX_CONNECTIONS',
      registers: [registry],
    });
    server.on('drop', () => dropped.inc());
  }
  return server;
}
