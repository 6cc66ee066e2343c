/**
 * What operators see: a request id on every log line and response (and, when tracing, the trace id
 * on every log line), one structured log line per GraphQL request (operation, duration, SQL
 * statements, error codes), and Prometheus metrics on /metrics. SQL statements are attributed to
 * their request through AsyncLocalStorage, so the count includes DataLoader batches that run after
 * the resolver that asked.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { ExecutedBy } from './compiled-execution';
import { activeTraceId } from './telemetry';

export interface RequestScope {
  requestId: string;
  logger: Logger;
  sqlStatements: number;
}

const requestScope = new AsyncLocalStorage<RequestScope>();

export function currentRequest(): RequestScope | undefined {
  return requestScope.getStore();
}

export interface Observability {
  registry: Registry;
  /** Middleware (Express's or Node's): request id (from `x-request-id` or new), scope for the rest of the request. */
  requestContext: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  /** Apollo plugin: per-operation log line and metrics. */
  apolloPlugin: ApolloServerPlugin;
}

export function createObservability(logger: Logger, knex: Knex): Observability {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'dutyhub_' });
  const requests = new Counter({
    name: 'dutyhub_graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'dutyhub_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'],
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'dutyhub_graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name',
    labelNames: ['operation'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const sql = new Counter({
    name: 'dutyhub_sql_statements_total',
    help: 'SQL statements sent to PostgreSQL',
    registers: [registry],
  });
  const sqlPerRequest = new Histogram({
    name: 'dutyhub_sql_statements_per_request',
    help: 'SQL statements one GraphQL request cost',
    buckets: [0, 1, 2, 3, 5, 8, 13, 21, 34, 55],
    registers: [registry],
  });
  const pool = knex.client.pool as { numUsed(): number; numFree(): number; numPendingAcquires(): number } | undefined;
  new Gauge({
    name: 'dutyhub_db_pool_connections',
    help: 'Database pool connections by state',
    labelNames: ['state'],
    registers: [registry],
    collect() {
      if (!pool) return;
      this.set({ state: 'used' }, pool.numUsed());
      this.set({ state: 'free' }, pool.numFree());
      this.set({ state: 'pending' }, pool.numPendingAcquires());
    },
  });

  knex.on('query', () => {
    sql.inc();
    const scope = requestScope.getStore();
    if (scope) scope.sqlStatements++;
  });

  const requestContext: Observability['requestContext'] = (request, response, next) => {
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.-]{1,128}$/u.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', requestId);
    // With tracing on, the request's HTTP span is active here: its trace id joins logs to traces.
    const traceId = activeTraceId();
    const bindings = traceId ? { requestId, traceId } : { requestId };
    requestScope.run({ requestId, logger: logger.child(bindings), sqlStatements: 0 }, next);
  };

  const apolloPlugin: ApolloServerPlugin = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors: failures, response, metrics, contextValue }) {
          const scope = requestScope.getStore();
          const seconds = Number(process.hrtime.bigint() - started) / 1e9;
          const operation = operationName ?? 'anonymous';
          const codes = (failures ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          for (const code of codes) errors.inc({ code });
          requests.inc({ operation, outcome: codes.length ? 'error' : 'ok' });
          duration.observe({ operation }, seconds);
          if (scope) sqlPerRequest.observe(scope.sqlStatements);
          (scope?.logger ?? logger).info(
            {
              operation,
              durationMs: Math.round(seconds * 1000 * 10) / 10,
              sqlStatements: scope?.sqlStatements,
              executor: (contextValue as ExecutedBy).executor,
              responseCacheHit: metrics.responseCacheHit || undefined,
              errors: codes.length ? codes : undefined,
              status: response.http.status ?? 200,
            },
            'graphql request',
          );
        },
      };
    },
  };

  return { registry, requestContext, apolloPlugin };
}
