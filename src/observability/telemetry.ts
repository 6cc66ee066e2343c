/**
 * OpenTelemetry traces, when an OTLP endpoint is configured (Config.tracing). The SDK is in
 * src/observability/tracing.ts and is required only then, so an unconfigured hub loads none of it. The entry
 * points start telemetry before they require the rest of the hub: the instrumentations patch http,
 * graphql and pg as those modules are required.
 */
import type { Config } from '../config';
import { createLogger } from './logger';

export interface Tracing {
  /** The id of the trace whose span is active here, if any. */
  activeTraceId(): string | undefined;
  /** Exports the spans still buffered (waiting at most OTEL_EXPORTER_OTLP_TIMEOUT), then stops tracing. */
  shutdown(): Promise<void>;
}

let tracing: Tracing | undefined;

export function startTelemetry(config: Pick<Config, 'tracing' | 'logLevel'>): void {
  if (!config.tracing || tracing) return;
  const { startTracing } = require('./tracing') as typeof import('./tracing');
  tracing = startTracing(createLogger(config).child({ component: 'opentelemetry' }));
}

export function activeTraceId(): string | undefined {
  return tracing?.activeTraceId();
}

export async function shutdownTelemetry(): Promise<void> {
  await tracing?.shutdown();
  tracing = undefined;
}
