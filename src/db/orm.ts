import { MikroORM, type Options } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { ormConfig } from './mikro-orm.config';

export interface OrmOptions {
  url: string;
  poolSize?: number;
  /** Every statement is cancelled after this long (PostgreSQL's statement_timeout), if set. */
  statementTimeoutMs?: number;
  logger?: Logger;
  overrides?: Options;
}

/** Connects MikroORM to `url`; the schema is the migrations' business (see `migrate`). */
export async function initORM(options: OrmOptions): Promise<MikroORM> {
  return MikroORM.init(
    ormConfig({
      clientUrl: options.url,
      pool: { min: 0, max: options.poolSize ?? 10 },
      driverOptions: {
        ...(options.statementTimeoutMs ? { connection: { statement_timeout: options.statementTimeoutMs } } : {}),
        // knex's own messages (a connection lost, a pool warning) as structured logs, not console lines.
        log: {
          warn: (message: unknown) => options.logger?.warn({ knex: String(message) }, 'database driver'),
          error: (message: unknown) => options.logger?.error({ knex: String(message) }, 'database driver'),
          deprecate: (message: unknown) => options.logger?.debug({ knex: String(message) }, 'database driver'),
          debug: (message: unknown) => options.logger?.debug({ knex: String(message) }, 'database driver'),
        },
      },
      logger: (message) => options.logger?.debug({ orm: message }, 'mikro-orm'),
      ...options.overrides,
    }),
  );
}

/** Applies pending migrations; returns the names applied. */
export async function migrate(orm: MikroORM, logger?: Logger): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  if (applied.length > 0) logger?.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  return applied.map((m) => m.name);
}
