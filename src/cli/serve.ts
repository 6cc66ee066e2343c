import type { Logger } from 'pino';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { createServer, type HubServer } from '../http/server';
import { seedIfEmpty } from '../ingest/seed';
import { shutdownTelemetry } from '../observability/telemetry';

export interface RunningHub {
  url: string;
  /** Graceful: stop accepting, drain, close the pool, stop the embedded database, send the last spans. */
  close(): Promise<void>;
}

/** Database (embedded by default), migrations, seeds when empty, then the HTTP server. */
export async function serve(config: Config, logger: Logger): Promise<RunningHub> {
  const database = await openDatabase(config, logger, { serving: true });
  let started: HubServer | undefined;
  try {
    await seedIfEmpty(database.orm, config.seedsDir, logger);
    const server = await createServer(config, database.orm, logger);
    started = server;
    const url = await server.listen();
    logger.info({ url, metrics: server.metricsUrl }, 'dutyhub is serving GraphQL');
    return {
      url,
      close: async () => {
        await server.stop();
        await database.close();
        // A collector that is down costs the last spans, not a failed shutdown.
        await shutdownTelemetry().catch((error) => logger.warn({ err: error }, 'last spans not exported'));
      },
    };
  } catch (error) {
    // A server that started but could not listen (its port taken) holds connections and timers.
    await started?.stop().catch((stopError) => logger.warn({ err: stopError }, 'server not stopped cleanly'));
    await database.close();
    throw error;
  }
}
