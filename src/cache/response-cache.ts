/**
 * The server-side response cache: Apollo's response cache plugin keeps whole answers of queries
 * for the age their cache hints allow (src/cache/cache-policy.ts), in memory (a bounded LRU, per
 * replica) or in Redis (shared by replicas). A hit runs no SQL.
 *
 * Keys start with the dataset generation (src/cache/dataset-generation.ts): after an import
 * commits, no replica reads an answer of the older data, and those entries expire with their age.
 * While the generation cannot be known the cache is bypassed. A store that fails or is slow (Redis
 * down) counts as a miss and is logged once per outage; it never fails a request.
 */
import { createHash } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { KeyvAdapter } from '@apollo/utils.keyvadapter';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import type { Logger } from 'pino';
import { Counter, type Registry } from 'prom-client';
import type { ResponseCacheConfig } from '../config';
import { watchDatasetGeneration } from './dataset-generation';

/** A store slower than this is treated as down for that request. */
const STORE_TIMEOUT_MS = 250;
/** How long the server's start waits for Redis before serving without it. */
const REDIS_START_WAIT_MS = 2_000;

export interface ResponseCacheDependencies {
  /** The database the dataset generation is read from. */
  databaseUrl: string;
  logger: Logger;
  registry: Registry;
}

/** The plugins to add to Apollo Server; none when the cache is off. */
export function responseCachePlugins<Context extends BaseContext>(
  config: ResponseCacheConfig,
  { databaseUrl, logger, registry }: ResponseCacheDependencies,
): ApolloServerPlugin<Context>[] {
  if (config.store === 'off') return [];
  const log = logger.child({ component: 'response-cache', store: config.store });
  const store = config.store === 'memory' ? memoryStore(config.maxBytes) : redisStore(config, log);
  const generation = watchDatasetGeneration({ url: databaseUrl, logger: log, onChange: store.onGeneration });
  const cache = new GuardedCache(store.cache, log, meters(registry));

  // The generation a request's key was made with, for its read and for its write.
  const generationOf = new WeakMap<object, string | undefined>();
  const lifecycle: ApolloServerPlugin<Context> = {
    async serverWillStart() {
      await Promise.all([generation.start(), store.start()]);
      return {
        async serverWillStop() {
          await Promise.all([generation.stop(), store.stop()]);
        },
      };
    },
  };
  return [
    lifecycle,
    responseCachePlugin<Context>({
      cache,
      async extraCacheKeyData({ request }) {
        const current = generation.current();
        generationOf.set(request, current);
        return current;
      },
      shouldReadFromCache: async ({ request }) => generationOf.get(request) !== undefined,
      shouldWriteToCache: async ({ request }) => generationOf.get(request) !== undefined,
      generateCacheKey: (_request, keyData) =>
        `g${(keyData as { extra: string }).extra}:${createHash('sha256').update(JSON.stringify(keyData)).digest('hex')}`,
    }),
  ];
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
 * Keys are `<keyPrefix>::fqc:g<generation>:<hash>`. Commands fail at once while Redis is
 * unreachable (no offline queue) and the client reconnects by itself.
 */
function redisStore(config: Extract<ResponseCacheConfig, { store: 'redis' }>, logger: Logger): Store {
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
    cache: new KeyvAdapter(keyv),
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

function meters(registry: Registry): Meters {
  const counter = (name: string, help: string) => new Counter({ name, help, registers: [registry] });
  return {
    hits: counter('dutyhub_response_cache_hits_total', 'Queries answered from the response cache'),
    misses: counter('dutyhub_response_cache_misses_total', 'Queries looked up in the response cache and not found'),
    errors: counter('dutyhub_response_cache_errors_total', 'Response cache reads and writes that failed'),
  };
}

/** Counts hits and misses; a failing or slow store is a miss, logged once until it works again. */
class GuardedCache implements KeyValueCache<string> {
  private failing = false;

  constructor(
    private readonly inner: KeyValueCache<string>,
    private readonly logger: Logger,
    private readonly meters: Meters,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.guard(() => this.inner.get(key));
    (value === undefined ? this.meters.misses : this.meters.hits).inc();
    return value;
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
      this.meters.errors.inc();
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
