/**
 * What operators see: a request id on every log line and response (and, when tracing, the trace id
 * on every log line), one structured log line per GraphQL request (operation, duration, SQL
 * statements, error codes), and Prometheus metrics (served on their own port by
 * src/http/metrics-server.ts). A request's SQL statements are counted by its context's `RequestSql`,
 * through which every statement of the API goes, DataLoader batches included.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Knex } from '@mikro-orm/postgresql';
import type { Bindings, Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Context } from '../graphql/context';
import { activeTraceId } from './telemetry';

export interface Observability {
  registry: Registry;
  /** Middleware (Express's or Node's): the request id, from `x-request-id` or new, on the response. */
  requestContext: (request: IncomingMessage, response: ServerResponse, next: () => void) => void;
  /** The logger of a request the middleware has seen: its lines carry the request (and trace) id. */
  loggerOf: (request: IncomingMessage) => Logger;
  /** Apollo plugin: per-operation log line and metrics. */
  apolloPlugin: ApolloServerPlugin<Context>;
  /** The log line and metrics of a request answered from the response cache (src/http/graphql-http.ts). */
  keptAnswer: (request: IncomingMessage, operation: string | null, started: bigint) => void;
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

  knex.on('query', () => sql.inc());

  // Not AsyncLocalStorage: on Node 20 its promise hooks cost 13–15% of a request's CPU
  // (docs/benchmarks.md), and what needs the request (the GraphQL context) is made with it at hand.
  // The bindings are kept, and the child logger made only for a request that asks for it (a
  // GraphQL request's context): probes, metrics and pages never log per request.
  const bindingsOf = new WeakMap<IncomingMessage, Bindings>();

  const requestContext: Observability['requestContext'] = (request, response, next) => {
    const given = request.headers['x-request-id'];
    const requestId = typeof given === 'string' && /^[\w.-]{1,128}$/u.test(given) ? given : randomUUID();
    response.setHeader('x-request-id', requestId);
    // With tracing on, the request's HTTP span is active here: its trace id joins logs to traces.
    const traceId = activeTraceId();
    const bindings = traceId ? { requestId, traceId } : { requestId };
    bindingsOf.set(request, bindings);
    next();
  };

  /** One GraphQL request's log line and metrics, executed or answered from the response cache. */
  const record = (
    requestLogger: Logger,
    started: bigint,
    request: { operationName: string | null | undefined; sqlStatements: number; codes: string[]; status: number },
    particulars: { executor?: string; responseCacheHit?: true },
  ) => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const operation = request.operationName ?? 'anonymous';
    for (const code of request.codes) errors.inc({ code });
    requests.inc({ operation, outcome: request.codes.length ? 'error' : 'ok' });
    duration.observe({ operation }, seconds);
    sqlPerRequest.observe(request.sqlStatements);
    requestLogger.info(
      {
        operation,
        durationMs: Math.round(seconds * 1000 * 10) / 10,
        sqlStatements: request.sqlStatements,
        ...particulars,
        errors: request.codes.length ? request.codes : undefined,
        status: request.status,
      },
      'graphql request',
    );
  };

  const apolloPlugin: ApolloServerPlugin<Context> = {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, errors: failures, response, contextValue }) {
          const { sql: requestSql, logger: requestLogger, executor } = contextValue;
          await requestSql.settled();
          const codes = (failures ?? []).map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          record(
            requestLogger,
            started,
            { operationName, sqlStatements: requestSql.statements, codes, status: response.http.status ?? 200 },
            { executor },
          );
        },
      };
    },
  };

  const keptAnswer: Observability['keptAnswer'] = (request, operationName, started) => {
    // No child logger unless the line is written: a hit costs little else.
    const requestLogger = logger.isLevelEnabled('info') ? loggerOf(request) : logger;
    record(
      requestLogger,
      started,
      { operationName, sqlStatements: 0, codes: [], status: 200 },
      { responseCacheHit: true },
    );
  };

  const loggerOf: Observability['loggerOf'] = (request) => {
    const bindings = bindingsOf.get(request);
    return bindings ? logger.child(bindings) : logger;
  };

  return { registry, requestContext, loggerOf, apolloPlugin, keptAnswer };
}
