/**
 * The OpenTelemetry SDK of the hub (loaded by src/observability/telemetry.ts only when tracing is configured):
 * spans of incoming HTTP requests, of GraphQL parse, validate and execute, and of the SQL each
 * request sends, batched and exported over OTLP/HTTP (JSON) to OTEL_EXPORTER_OTLP_[TRACES_]ENDPOINT.
 */
import { type DiagLogger, DiagLogLevel, diag, SpanKind, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { defaultResource, detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, ParentBasedSampler, type Sampler, SamplingDecision } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import type { Logger } from 'pino';
import type { Tracing } from './telemetry';

/** Probes and scrapes: a trace every few seconds that says nothing. */
const UNTRACED_PATHS = new Set(['/healthz', '/readyz', '/metrics']);

/**
 * A trace begins only with an incoming request (or continues a caller's): the start-up's schema
 * build and migrations, and the SQL of probes, make none.
 */
const requestsOnly: Sampler = {
  shouldSample: (_context, _traceId, _name, kind) => ({
    decision: kind === SpanKind.SERVER ? SamplingDecision.RECORD_AND_SAMPLED : SamplingDecision.NOT_RECORD,
  }),
  toString: () => 'RequestsOnly',
};

/** The hub's SQL opens with a comment naming the statement: its spans take that name, not `SELECT`. */
const STATEMENT_NAME = /^\s*\/\* (\w+) \*\//u;

export function startTracing(logger: Logger): Tracing {
  // The SDK's own warnings and errors (a collector down, a wrong endpoint) as the hub's log lines.
  diag.setLogger(diagLogger(logger), DiagLogLevel.WARN);
  const provider = new NodeTracerProvider({
    // `dutyhub` unless OTEL_SERVICE_NAME (or service.name in OTEL_RESOURCE_ATTRIBUTES) says otherwise.
    resource: defaultResource()
      .merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: 'dutyhub' }))
      .merge(detectResources({ detectors: [envDetector] })),
    sampler: new ParentBasedSampler({ root: requestsOnly }),
    // Batches of spans sent in the background (OTEL_BSP_* tune it); shutdown sends what is left.
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter())],
  });
  // The async context manager (spans follow a request through awaits and DataLoader batches) and
  // W3C trace context: a router's `traceparent` makes the hub's spans part of the router's trace.
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => UNTRACED_PATHS.has(new URL(request.url ?? '/', 'http://hub').pathname),
      }),
      // No span per resolved field: a page of 50 items would make hundreds; ftv1 has field timings.
      new GraphQLInstrumentation({ ignoreResolveSpans: true }),
      new PgInstrumentation({
        requestHook: (span, { query, connection }) => {
          const name = STATEMENT_NAME.exec(query.text)?.[1];
          if (name) span.updateName(`pg.query:${name}${connection.database ? ` ${connection.database}` : ''}`);
        },
      }),
    ],
  });
  return {
    activeTraceId: () => trace.getActiveSpan()?.spanContext().traceId,
    shutdown: () => provider.shutdown(),
  };
}

function diagLogger(logger: Logger): DiagLogger {
  // One message to search for; what the SDK said (often an exception as JSON) in `detail`.
  const log =
    (level: 'error' | 'warn' | 'debug' | 'trace') =>
    (message: string, ...details: unknown[]) =>
      logger[level]({ detail: [message, ...details].map(String).join(' ') }, 'OpenTelemetry SDK');
  return { error: log('error'), warn: log('warn'), info: log('debug'), debug: log('debug'), verbose: log('trace') };
}
