/**
 * The dataset's generation: a number that every import which changes data bumps in its own
 * transaction, announced with NOTIFY when that transaction commits. Each hub replica LISTENs on a
 * connection of its own and puts the generation in its response cache keys, so that no replica
 * reads an answer of older data after an import, whether the cache is in memory or shared in Redis,
 * and keeps the slice counts it counted for the generation they were counted in.
 * Imports run in other processes, maybe on other machines: PostgreSQL is what they share.
 *
 * Any role that can connect to the database may NOTIFY on any channel, so a notification is only
 * a hint that the generation may have changed: the watch reads it again from its table, which only
 * the owner and the importer's role may update, and never takes a number from the channel.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { Client } from 'pg';
import type { Logger } from 'pino';

const CHANNEL = 'dutyhub_dataset_changed';

/**
 * In an import's transaction, as its last statement: the row lock it takes makes concurrent
 * imports commit their generations in order, and is held only until the commit that follows.
 */
export async function bumpDatasetGeneration(trx: Knex.Transaction): Promise<string> {
  const { rows } = await trx.raw(
    `/* bumpDatasetGeneration */
    with bumped as (
      update dataset_generation set generation = generation + 1, changed_at = now() returning generation
    )
    select generation::text as generation, pg_notify(?, generation::text) from bumped`,
    [CHANNEL],
  );
  return rows[0].generation;
}

export interface DatasetGenerationWatch {
  /** Connects and reads the generation; a failure is logged and retried, never thrown. */
  start(): Promise<void>;
  /** The generation, or undefined while it cannot be known (the connection is down). */
  current(): string | undefined;
  /** Tells `listener` of each newer generation. */
  subscribe(listener: (generation: string) => void): void;
  stop(): Promise<void>;
}

const FIRST_RETRY_MS = 500;
const LAST_RETRY_MS = 15_000;

/**
 * Follows the generation over a dedicated connection (a pool's connections cannot LISTEN), and
 * reconnects when it is lost. One per server, shared by what keys its answers by the generation
 * (the response cache, the slice counts).
 */
export function watchDatasetGeneration(options: { url: string; logger: Logger }): DatasetGenerationWatch {
  const { url, logger } = options;
  const listeners: ((generation: string) => void)[] = [];
  let known: string | undefined;
  let listening: Client | undefined;
  let client: Client | undefined;
  let retry: NodeJS.Timeout | undefined;
  let failures = 0;
  let stopped = false;

  /** The table is the truth, whichever way it moved (a database restored from a backup goes back). */
  const advance = (generation: string) => {
    if (generation === known) return;
    known = generation;
    for (const listener of listeners) {
      try {
        listener(generation);
      } catch (error) {
        logger.error({ err: error, generation }, 'a follower of the dataset generation failed');
      }
    }
  };

  const connect = async (): Promise<void> => {
    const attempt = new Client({ connectionString: url, keepAlive: true, application_name: 'dutyhub-dataset-watch' });
    client = attempt;
    let lost = false;
    const lose = (error?: Error) => {
      if (lost || stopped) return;
      lost = true;
      // Once per outage, not once per retry.
      if (failures === 0) logger.warn({ err: error }, 'dataset generation unknown: responses are not cached meanwhile');
      if (listening === attempt) listening = undefined;
      attempt.removeAllListeners('notification');
      attempt.end().catch(() => {});
      const delay = Math.min(FIRST_RETRY_MS * 2 ** failures++, LAST_RETRY_MS);
      retry = setTimeout(() => void connect(), delay);
      retry.unref();
    };
    const read = readsOfGeneration(attempt, (generation) => {
      if (!lost) advance(generation);
    });
    attempt.on('error', lose);
    attempt.on('end', () => lose(new Error('connection ended')));
    // Whatever the payload says, and however many arrive: one read at a time, one more if any came meanwhile.
    attempt.on('notification', (message) => {
      if (message.channel === CHANNEL) read().catch(lose);
    });
    try {
      await attempt.connect();
      // Listening first, then reading: no import can commit unseen in between.
      await attempt.query(`listen ${CHANNEL}`);
      await read();
      if (lost) return;
      listening = attempt;
      failures = 0;
      logger.debug({ generation: known }, 'following the dataset generation');
    } catch (error) {
      lose(error as Error);
    }
  };

  return {
    start: connect,
    current: () => (listening ? known : undefined),
    subscribe: (listener) => {
      listeners.push(listener);
    },
    async stop() {
      stopped = true;
      clearTimeout(retry);
      listening = undefined;
      await client?.end().catch(() => {});
    },
  };
}

/**
 * Reads of the generation on `client`, coalesced: a read asked for while one runs makes one more
 * read after it (the generation may have changed after the running read saw it), however many are
 * asked for. The promise resolves once a read that began after the ask has been told to `found`.
 */
function readsOfGeneration(client: Client, found: (generation: string) => void): () => Promise<void> {
  let running: Promise<void> | undefined;
  let again = false;
  return () => {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      try {
        do {
          again = false;
          const { rows } = await client.query<{ generation: string }>(
            'select generation::text as generation from dataset_generation',
          );
          if (rows.length !== 1) throw new Error(`dataset_generation holds ${rows.length} rows, not 1`);
          found(rows[0].generation);
        } while (again);
      } finally {
        running = undefined;
      }
    })();
    return running;
  };
}
