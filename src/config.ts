import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Limits } from './graphql/limits';
import type { HttpLimits } from './http/http-limits';

/**
 * Which executor runs operations (GRAPHQL_EXECUTOR, src/graphql/compiled-execution.ts), or ran one (the
 * request's log line). Declared here, not there: the entry points read the configuration before
 * telemetry patches graphql, so this module requires none of it.
 */
export const EXECUTORS = ['compiled', 'graphql-js'] as const;
export type Executor = (typeof EXECUTORS)[number];

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  /** HTTP port of the GraphQL server. */
  port: number;
  /** PostgreSQL to use; when absent, the embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  /** Where the embedded PostgreSQL keeps its files (git-ignored). */
  dataDir: string;
  /** Port of the embedded PostgreSQL. */
  embeddedPort: number;
  /** Documents imported when the database holds no town yet. */
  seedsDir: string;
  logLevel: LogLevel;
  /** Stack traces and internal messages in errors only in development. */
  production: boolean;
  /** Connections in the pool. */
  poolSize: number;
  /** Schema introspection; off in production unless GRAPHQL_INTROSPECTION=true. */
  introspection: boolean;
  /** What one GraphQL request may ask for (src/graphql/limits.ts). */
  limits: Limits;
  /** Largest request body, in Express's notation (`1mb`). */
  bodyLimit: string;
  /** Timeouts for slow and idle clients, and the cap on connections (src/http/http-limits.ts). */
  http: HttpLimits;
  /** Prometheus metrics on a port of their own (src/http/metrics-server.ts); none when undefined. */
  metrics: MetricsConfig | undefined;
  /** Every SQL statement is cancelled after this long. */
  statementTimeoutMs: number;
  /**
   * Statements sent as named prepared statements (request-sql.ts); off behind a connection pooler
   * that cannot keep them (PgBouncer in transaction mode before 1.21).
   */
  preparedStatements: boolean;
  /** Origins allowed to call the API from a browser (CORS); none when empty. `*` allows any. */
  corsOrigins: string[];
  /**
   * Answers of 1 KiB or more, GraphQL's and the pages', compressed for clients that accept it
   * (src/http/compression.ts); off behind a proxy that compresses.
   */
  compression: boolean;
  /** Seconds a response of the lists may be cached (HTTP Cache-Control, response cache); 0 for none. */
  cacheMaxAge: number;
  /** The server-side response cache (src/cache/response-cache.ts). */
  responseCache: ResponseCacheConfig;
  /** Slices' counts counted from the items kept for the dataset generation (src/cache/slice-counts.ts). */
  keepSliceCounts: boolean;
  /** The allow-list of persisted operations (src/graphql/persisted-operations.ts). */
  persistedOperations: PersistedOperationsConfig;
  /** Compiled operations (graphql-jit), or graphql-js for all of them (src/graphql/compiled-execution.ts). */
  executor: Executor;
  /**
   * Served before the names of the types other subgraphs need not share (FEDERATION_TYPE_PREFIX,
   * docs/federation.md "Names"); '' serves the contract's names.
   */
  typePrefix: string;
  /**
   * OpenTelemetry traces (src/observability/telemetry.ts): on when an OTLP endpoint is set and the SDK is not
   * disabled. The exporter and the resource read their other standard OTEL_* variables themselves.
   */
  tracing: boolean;
}

export type ResponseCacheConfig =
  | { store: 'off' }
  | { store: 'memory'; maxBytes: number }
  /** Keys start with `keyPrefix`, so that several hubs (or tests) can share one Redis. */
  | { store: 'redis'; redisUrl: string; keyPrefix: string };

export interface PersistedOperationsConfig {
  /** An Apollo persisted query manifest; none when undefined. */
  manifest: string | undefined;
  /** Refuse operations that are not in the manifest. */
  only: boolean;
}

export interface MetricsConfig {
  /** The port /metrics is served on, apart from the API's; 0 in tests: any free port. */
  port: number;
  /** When set, a scrape must send `Authorization: Bearer <token>`. */
  token: string | undefined;
}

/**
 * 10 s for headers and 30 s for a whole request are ample for a request of at most
 * HTTP_BODY_LIMIT (1 MB) from any live client; 5 s idle is Node's default keep-alive; a replica
 * answers a few hundred requests a second, so 1,000 open connections are far more than its
 * clients (a router, dashboards) need, and little memory.
 */
export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimits> = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 1_000,
});

/** The port of the OpenTelemetry Prometheus exporter, which scrape configurations expect. */
export const DEFAULT_METRICS_PORT = 9464;

export const DEFAULT_LIMITS: Readonly<Limits> = Object.freeze({
  maxDepth: 15,
  maxCost: 100_000,
  maxAliases: 30,
  maxTokens: 5_000,
  maxDirectives: 50,
  maxSelections: 100,
  maxResponseBytes: 32 * 2 ** 20,
});

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads the environment once into a typed, frozen Config; a bad value stops the process here. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const root = projectRoot();
  const logLevel = oneOf(env, 'LOG_LEVEL', LOG_LEVELS, 'info');
  return Object.freeze({
    port: integer(env, 'PORT', 4000),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DUTYHUB_DATA_DIR ?? path.join(root, '.data')),
    embeddedPort: integer(env, 'EMBEDDED_PG_PORT', 54329),
    seedsDir: path.resolve(env.DUTYHUB_SEEDS_DIR ?? path.join(root, 'seeds')),
    logLevel,
    production: env.NODE_ENV === 'production',
    poolSize: integer(env, 'DB_POOL_SIZE', 10),
    introspection: boolean(env, 'GRAPHQL_INTROSPECTION', env.NODE_ENV !== 'production'),
    limits: Object.freeze({
      maxDepth: integer(env, 'GRAPHQL_MAX_DEPTH', DEFAULT_LIMITS.maxDepth),
      maxCost: integer(env, 'GRAPHQL_MAX_COST', DEFAULT_LIMITS.maxCost),
      maxAliases: integer(env, 'GRAPHQL_MAX_ALIASES', DEFAULT_LIMITS.maxAliases),
      maxTokens: integer(env, 'GRAPHQL_MAX_TOKENS', DEFAULT_LIMITS.maxTokens),
      maxDirectives: integer(env, 'GRAPHQL_MAX_DIRECTIVES', DEFAULT_LIMITS.maxDirectives),
      maxSelections: integer(env, 'GRAPHQL_MAX_SELECTIONS', DEFAULT_LIMITS.maxSelections),
      maxResponseBytes: integer(env, 'RESPONSE_MAX_MB', DEFAULT_LIMITS.maxResponseBytes / 2 ** 20) * 2 ** 20,
    }),
    bodyLimit: env.HTTP_BODY_LIMIT || '1mb',
    http: Object.freeze(httpLimits(env)),
    metrics: metrics(env),
    cacheMaxAge: integer(env, 'CACHE_MAX_AGE', 60),
    statementTimeoutMs: integer(env, 'DB_STATEMENT_TIMEOUT_MS', 10_000),
    preparedStatements: boolean(env, 'DB_PREPARED_STATEMENTS', true),
    corsOrigins: (env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
    compression: boolean(env, 'HTTP_COMPRESSION', true),
    responseCache: Object.freeze(responseCache(env)),
    keepSliceCounts: boolean(env, 'SLICE_COUNT_CACHE', true),
    persistedOperations: Object.freeze(persistedOperations(env)),
    executor: oneOf(env, 'GRAPHQL_EXECUTOR', EXECUTORS, 'compiled'),
    typePrefix: typePrefix(env),
    tracing:
      Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT) &&
      env.OTEL_SDK_DISABLED?.trim().toLowerCase() !== 'true',
  });
}

/** A GraphQL name's start: a letter, then letters and digits (`Duty`, `Duty_`). */
function typePrefix(env: NodeJS.ProcessEnv): string {
  const prefix = env.FEDERATION_TYPE_PREFIX?.trim() ?? '';
  if (prefix && !/^[A-Za-z][A-Za-z0-9_]*$/u.test(prefix)) {
    throw new Error(`FEDERATION_TYPE_PREFIX must be letters, digits and _, starting with a letter; got "${prefix}"`);
  }
  return prefix;
}

const RESPONSE_CACHE_STORES = ['memory', 'redis', 'off'] as const;

/** In memory by default; shared through Redis when REDIS_URL is set. */
function responseCache(env: NodeJS.ProcessEnv): ResponseCacheConfig {
  const redisUrl = env.REDIS_URL || undefined;
  const store = oneOf(env, 'RESPONSE_CACHE', RESPONSE_CACHE_STORES, redisUrl ? 'redis' : 'memory');
  if (store === 'off') return { store };
  if (store === 'memory') return { store, maxBytes: integer(env, 'RESPONSE_CACHE_MAX_MB', 64) * 2 ** 20 };
  if (!redisUrl) throw new Error('RESPONSE_CACHE=redis needs REDIS_URL');
  return { store: 'redis', redisUrl, keyPrefix: env.RESPONSE_CACHE_PREFIX || 'dutyhub' };
}

function persistedOperations(env: NodeJS.ProcessEnv): PersistedOperationsConfig {
  const manifest = env.PERSISTED_OPERATIONS ? path.resolve(env.PERSISTED_OPERATIONS) : undefined;
  const only = boolean(env, 'PERSISTED_OPERATIONS_ONLY', false);
  if (only && !manifest) throw new Error('PERSISTED_OPERATIONS_ONLY=true needs PERSISTED_OPERATIONS (a manifest)');
  return { manifest, only };
}

function httpLimits(env: NodeJS.ProcessEnv): HttpLimits {
  const limits: HttpLimits = {
    headersTimeoutMs: integer(env, 'HTTP_HEADERS_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.headersTimeoutMs),
    requestTimeoutMs: integer(env, 'HTTP_REQUEST_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.requestTimeoutMs),
    keepAliveTimeoutMs: integer(env, 'HTTP_KEEP_ALIVE_TIMEOUT_MS', DEFAULT_HTTP_LIMITS.keepAliveTimeoutMs),
    maxConnections: integer(env, 'HTTP_MAX_CONNECTIONS', DEFAULT_HTTP_LIMITS.maxConnections),
  };
  if (limits.headersTimeoutMs === 0) throw new Error('HTTP_HEADERS_TIMEOUT_MS must be at least 1');
  // Node refuses a server whose headers may take longer than the whole request.
  if (limits.requestTimeoutMs > 0 && limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(
      `HTTP_HEADERS_TIMEOUT_MS (${limits.headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${limits.requestTimeoutMs})`,
    );
  }
  return limits;
}

/** On port 9464 unless METRICS_PORT says another, or 0 for none. */
function metrics(env: NodeJS.ProcessEnv): MetricsConfig | undefined {
  const port = integer(env, 'METRICS_PORT', DEFAULT_METRICS_PORT);
  const token = env.METRICS_TOKEN || undefined;
  if (port === 0) {
    if (token) throw new Error('METRICS_TOKEN is set but METRICS_PORT=0 serves no metrics');
    return undefined;
  }
  if (port > 65_535) throw new Error(`METRICS_PORT must be a port number, got "${port}"`);
  return Object.freeze({ port, token });
}

function oneOf<Value extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  values: readonly Value[],
  fallback: Value,
): Value {
  const raw = env[name] || fallback;
  if (!values.includes(raw as Value)) throw new Error(`${name} must be one of ${values.join(', ')}, got "${raw}"`);
  return raw as Value;
}

function boolean(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw !== 'true' && raw !== 'false') throw new Error(`${name} must be true or false, got "${raw}"`);
  return raw === 'true';
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** The folder of package.json, from src/ (ts-node, jest) as from dist/src/ (built). */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
