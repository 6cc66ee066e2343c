import type { MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import { documentsIn, importFiles } from './import-files';

/** A new database gets the documents of seeds/; one that holds any town is left as it is. */
export async function seedIfEmpty(orm: MikroORM, seedsDir: string, logger: Logger): Promise<boolean> {
  const knex = orm.em.getKnex();
  const { rows } = await knex.raw('/* anyTown */ select exists(select 1 from town) as seeded');
  if (rows[0].seeded) return false;
  const files = await documentsIn(seedsDir);
  logger.info({ seedsDir, files: files.length }, 'empty database: importing seeds');
  await importFiles(knex, files, { logger });
  return true;
}
