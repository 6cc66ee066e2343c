import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { type RunningDatabase, startEmbeddedPostgres } from './embedded-postgres';
import { initORM, migrate } from './orm';

export interface Database {
  orm: MikroORM;
  /** Migrations this opening applied. */
  applied: string[];
  /** Closes the pool, then stops the embedded PostgreSQL if this process started it. */
  close(): Promise<void>;
}

/**
 * DATABASE_URL if set, else the embedded PostgreSQL; migrated to the latest schema. `serving` pools
 * carry the statement timeout; migrations and imports run without it, since on a large database a
 * migration or a big import statement may rightly take longer.
 */
export async function openDatabase(
  config: Config,
  logger: Logger,
  options: { serving?: boolean } = {},
): Promise<Database> {
  const running: RunningDatabase = config.databaseUrl
    ? { url: config.databaseUrl, stop: async () => {} }
    : await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPort,
        persistent: true,
        logger,
      });
  try {
    const connect = (statementTimeoutMs?: number) =>
      initORM({ url: running.url, poolSize: config.poolSize, statementTimeoutMs, logger });
    let orm = await connect();
    const pending = await orm.getMigrator().getPendingMigrations();
    if (pending.length > 0) logger.info({ pending: pending.length }, 'applying migrations');
    const applied = await migrate(orm, logger);
    if (options.serving) {
      await orm.close(true);
      orm = await connect(config.statementTimeoutMs);
    }
    return {
      orm,
      applied,
      close: async () => {
        await orm.close(true);
        await running.stop();
      },
    };
  } catch (error) {
    await running.stop();
    throw error;
  }
}
