/**
 * The server-side response cache: whole HTTP answers of queries, kept for the age their cache
 * hints allow (src/cache/cache-policy.ts), in memory (a bounded LRU, per replica) or in Redis
 * (shared by replicas). A hit runs no SQL and none of Apollo's request pipeline.
 *
 * Answers are keyed by the request as it arrived: method, URL, body bytes and the headers that
 * can change the answer (src/http/graphql-http.ts reads and keeps them around Apollo). Apollo's response
 * cache plugin, used until session 10, keyed the parsed operation, so a hit still cost Apollo's
 * request pipeline, the key's JSON and the stored answer's parsing and serialising: about as much
 * CPU as the lookup it saved (docs/benchmarks.md). Dashboards repeat their requests byte for byte;
 * one that differs only in spacing or the order of its variables is a miss, answered and kept in
 * its own right.
 *
 * Keys name the hub's answer policy (`answerPolicy`): replicas sharing Redis whose configuration
 * decides otherwise whether or how a request runs (an allow-list, limits, masking, another schema)
 * never serve each other's answers.
 *
 * Keys start with the dataset generation (src/cache/dataset-generation.ts): after an import
 * commits, no replica reads an answer of the older data, and those entries expire with their age.
 * While the generation cannot be known the cache is bypassed. A store that fails or is slow (Redis
 * down) counts as a miss and is logged once per outage; it never fails a request.
 */
import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { ApolloServerPlugin, BaseContext, HeaderMap, HTTPGraphQLRequest } from '@apollo/server';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { ResponseCacheConfig } from '../config';
import type { DatasetGenerationWatch } from './dataset-generation';

/** A store slower than this is treated as down for that request. */
const STORE_TIMEOUT_MS = 250;
/** How long the server's start waits for Redis before serving without it. */
const REDIS_START_WAIT_MS = 2_000;

export interface ResponseCacheDependencies {
  /** The server's watch of the dataset generation, which it starts and stops. */
  generation: DatasetGenerationWatch;
  logger: Logger;
  registry: Registry;
  /** The digest of what, besides the request, decides whether and how it runs (`answerPolicy`). */
  policy: string;
}

/**
 * A digest of everything besides the request's bytes that decides whether and how a hub answers
 * it: its schema, limits, allow-list, error masking, introspection and cache ages.
 */
export function answerPolicy(decisive: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(decisive)).digest('hex').slice(0, 16);
}

/** An answer from the cache, sent again as it was sent first, with its age. */
export interface KeptAnswer {
  /** The operation's name, for the request's log line and metrics. */
  operation: string | null;
  headers: [string, string][];
  body: string;
  /** Seconds since it was kept. */
  age: number;
}

export interface ResponseCache<Context extends BaseContext> {
  /** Starts and stops the store with Apollo; notes which answers may be kept. */
  plugin: ApolloServerPlugin<Context>;
  /** The key of a request's answer (`body`: its bytes); undefined when it may be neither read nor kept. */
  keyOf(request: IncomingMessage, body: Buffer | undefined): string | undefined;
  read(key: string): Promise<KeptAnswer | undefined>;
  /**
   * Keeps Apollo's answer to `request` under `key` when the answer may be kept: a query's whole
   * answer, without errors, with a public age (the one it is kept for). Not awaited.
   */
  keep(key: string, request: HTTPGraphQLRequest, answer: { headers: HeaderMap; body: string }): void;
}

/** The response cache of the configuration; undefined when it is off. */
export function responseCacheOf<Context extends BaseContext>(
  config: ResponseCacheConfig,
  { generation, logger, registry, policy }: ResponseCacheDependencies,
): ResponseCache<Context> | undefined {
  if (config.store === 'off') return undefined;
  const log = logger.child({ component: 'response-cache', store: config.store });
  const meters = metersOf(registry);
  const store = config.store === 'memory' ? memoryStore(config.maxBytes) : redisStore(config, log, meters.errors);
  if (store.onGeneration) generation.subscribe(store.onGeneration);
  // What Apollo's pipeline learnt of a request's answer, by the request it was handed.
  const keepable = new WeakMap<HTTPGraphQLRequest, { operation: string | null; maxAge: number }>();

  return {
    plugin: {
      async serverWillStart() {
        await store.start();
        return {
          async serverWillStop() {
            await store.stop();
          },
        };
      },
      async requestDidStart() {
        return {
          async willSendResponse({ request, operation, operationName, response, overallCachePolicy }) {
            // The rules of Apollo's response cache plugin: queries only, whole answers, public ages.
            const policy = overallCachePolicy.policyIfCacheable();
            const whole = response.body.kind === 'single' && !response.body.singleResult.errors;
            if (request.http && operation?.operation === 'query' && whole && policy?.scope === 'PUBLIC') {
              keepable.set(request.http, { operation: operationName ?? null, maxAge: policy.maxAge });
            }
          },
        };
      },
    },

    keyOf(request, body) {
      const current = generation.current();
      // A gateway asking for a federated trace wants this execution's timings, not a kept one's.
      if (current === undefined || request.headers['apollo-federation-include-trace'] !== undefined) return undefined;
      const digest = createHash('sha256')
        .update(answerDeterminants(request))
        .update(body ?? '')
        .digest('hex');
      return `answer:g${current}:${policy}:${digest}`;
    },

    async read(key) {
      const value = await store.cache.get(key);
      if (value === undefined) {
        meters.misses.inc();
        return undefined;
      }
      meters.hits.inc();
      // The answer's particulars on the first line, its body as sent after it.
      const split = value.indexOf('\n');
      const { operation, headers, keptAt } = JSON.parse(value.slice(0, split)) as Particulars;
      return { operation, headers, body: value.slice(split + 1), age: Math.round((Date.now() - keptAt) / 1000) };
    },

    keep(key, request, answer) {
      const kept = keepable.get(request);
      if (!kept) return;
      const particulars: Particulars = { operation: kept.operation, headers: [...answer.headers], keptAt: Date.now() };
      void store.cache.set(key, `${JSON.stringify(particulars)}\n${answer.body}`, { ttl: kept.maxAge });
    },
  };
}

interface Particulars {
  operation: string | null;
  headers: [string, string][];
  keptAt: number;
}

/**
 * What of a request besides its body can change the answer: the method and URL (a GET's query),
 * the body's type, what it accepts (Apollo answers `application/json` or
 * `application/graphql-response+json`), and whether it carries a header that Apollo's CSRF
 * prevention asks of requests a browser could send without a preflight: a kept answer must not
 * reach a request that Apollo would refuse.
 */
function answerDeterminants(request: IncomingMessage): string {
  const headers: IncomingHttpHeaders = request.headers;
  const preflighted =
    headers['apollo-require-preflight'] !== undefined || headers['x-apollo-operation-name'] !== undefined;
  return `${request.method} ${request.url}\n${headers['content-type'] ?? ''}\n${headers.accept ?? ''}\n${preflighted}\n`;
}

interface Store {
  cache: KeyValueCache<string>;
  /** Called with each newer dataset generation. */
  onGeneration?: (generation: string) => void;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Bounded by the size of the answers it holds; emptied when the data changes. */
function memoryStore(maxBytes: number): Store {
  const cache = new InMemoryLRUCache<string>({ maxSize: maxBytes });
  return {
    cache,
    onGeneration: () => cache.clear(),
    start: async () => {},
    stop: async () => cache.clear(),
  };
}

/**
 * Keys are `<keyPrefix>::answer:g<generation>:<hash>`. Commands fail at once while Redis is
 * unreachable (no offline queue) and the client reconnects by itself.
 */
function redisStore(config: Extract<ResponseCacheConfig, { store: 'redis' }>, logger: Logger, errors: Counter): Store {
  const client = createClient({
    url: config.redisUrl,
    disableOfflineQueue: true,
    socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
  });
  // Failures reach requests as failed commands (GuardedCache logs them); these events repeat them.
  client.on('error', () => {});
  const keyv = new Keyv<string>({
    store: new KeyvRedis<string>(client, { throwOnErrors: true, throwOnConnectError: true }),
    namespace: config.keyPrefix,
    // The store puts the namespace in front of keys; Keyv would add it a second time.
    useKeyPrefix: false,
    throwOnErrors: true,
  });
  keyv.on('error', () => {});
  return {
    cache: new GuardedCache(new KeyvAdapter(keyv), logger, errors),
    async start() {
      // Connected, or the first attempt failed (the client goes on trying), or no answer in time.
      const firstAttempt = new Promise<boolean>((resolve) => {
        client.connect().then(
          () => resolve(true),
          () => resolve(false),
        );
        client.once('error', () => resolve(false));
        delay(REDIS_START_WAIT_MS).then(() => resolve(false));
      });
      if (!(await firstAttempt)) {
        logger.warn({ redis: redactedUrl(config.redisUrl) }, 'Redis unreachable: serving without the response cache');
      }
    },
    stop: async () => {
      client.destroy();
    },
  };
}

interface Meters {
  hits: Counter;
  misses: Counter;
  errors: Counter;
}

function metersOf(registry: Registry): Meters {
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  return {
    hits: counter('dutyhub_response_cache_hits_total', 'Queries answered from the response cache'),
    misses: counter('dutyhub_response_cache_misses_total', 'Queries looked up in the response cache and not found'),
    errors: counter('dutyhub_response_cache_errors_total', 'Response cache reads and writes that failed'),
  };
}

/** A remote store: one that fails or is slow is a miss, logged once until it works again. */
class GuardedCache implements KeyValueCache<string> {
  private failing = false;

  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly logger: Logger,
    private readonly errors: Counter,
  ) {}

  get(key: string): Promise<string | undefined> {
    return this.guard(() => this.inner.get(key));
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await this.guard(() => this.inner.set(key, value, options));
  }

  async delete(key: string): Promise<boolean> {
    return (await this.guard(() => this.inner.delete(key))) === true;
  }

  private async guard<T>(operation: () => Promise<T>): Promise<T | undefined> {
    try {
      const result = await withTimeout(operation(), STORE_TIMEOUT_MS);
      if (this.failing) this.logger.info('response cache works again');
      this.failing = false;
      return result;
    } catch (error) {
      this.errors.inc();
      if (!this.failing) this.logger.warn({ err: error }, 'response cache failing: serving without it');
      this.failing = true;
      return undefined;
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function redactedUrl(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
