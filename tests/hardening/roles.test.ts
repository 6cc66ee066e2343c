/** The server's role can only read; the importer's can change rows, not the schema. */

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pino from 'pino';
import { bumpDatasetGeneration } from '../../src/cache/dataset-generation';
import { initORM, migrate } from '../../src/db/orm';
import { setupRoles } from '../../src/db/roles';
import { createServer } from '../../src/http/server';
import { documentsIn, importFiles } from '../../src/ingest/import-files';
import { seedOfTown, temporaryFolder } from '../import/helpers';
import { onServer, readTemplates } from '../support/postgres-server';
import { useDatabase } from '../support/test-database';

const database = useDatabase();
const suffix = `${process.pid}`;
const roles = {
  reader: { name: `dutyhub_reader_${suffix}`, password: 'reader-secret' },
  writer: { name: `dutyhub_writer_${suffix}`, password: 'writer-secret' },
};
const urlAs = (role: { name: string; password: string }) => {
  const url = new URL(database.url);
  url.username = role.name;
  url.password = role.password;
  return url.toString();
};

beforeAll(async () => {
  await setupRoles(database.orm.em.getKnex(), roles);
  await setupRoles(database.orm.em.getKnex(), roles); // idempotent
});
// After useDatabase's afterAll (jest runs a block's afterAll hooks in the order they are declared):
// roles belong to the whole server, removed once the database that used them is gone.
afterAll(async () => {
  await onServer(readTemplates().serverUrl, [
    `drop role if exists ${roles.reader.name}`,
    `drop role if exists ${roles.writer.name}`,
  ]);
});

describe('database roles', () => {
  it('lets the reader serve the API, cached by dataset generation, and refuses its writes', async () => {
    const orm = await initORM({ url: urlAs(roles.reader) });
    try {
      expect(await migrate(orm)).toEqual([]);
      const server = await createServer(
        {
          port: 0,
          production: true,
          introspection: false,
          cacheMaxAge: 60,
          responseCache: { store: 'memory', maxBytes: 2 ** 20 },
        },
        orm,
        pino({ level: 'silent' }),
      );
      const url = await server.listen(0);
      const ask = () =>
        fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ items { totalCount } }' }),
        });
      expect(await (await ask()).json()).toEqual({ data: { items: { totalCount: 255 } } });
      // From the response cache: the reader could read the generation and LISTEN.
      const cached = await ask();
      expect(cached.headers.get('age')).toMatch(/^\d+$/u);
      expect(await cached.json()).toEqual({ data: { items: { totalCount: 255 } } });
      await server.stop();
      await expect(orm.em.getKnex().raw('delete from link')).rejects.toMatchObject({ code: '42501' });
      await expect(orm.em.getKnex().raw('create table intruder (id int)')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await orm.close(true);
    }
  });

  it('lets the writer import but not change the schema', async () => {
    const orm = await initORM({ url: urlAs(roles.writer) });
    try {
      const [report] = await importFiles(
        orm.em.getKnex(),
        await documentsIn(path.join(__dirname, '..', '..', 'seeds')),
      );
      expect(report.changes.items).toEqual({ created: 0, updated: 0, removed: 0, unchanged: 255 });
      // A new town writes every table an import writes: items, links, kept counts, search changes.
      const folder = await temporaryFolder();
      try {
        const [other] = await importFiles(orm.em.getKnex(), [await folder.write('other.txt', seedOfTown('铁厂沟镇'))]);
        expect(other.changes.items).toEqual({ created: 255, updated: 0, removed: 0, unchanged: 0 });
      } finally {
        await folder.remove();
      }
      // What an import that changes something does last.
      expect(await orm.em.getKnex().transaction(bumpDatasetGeneration)).toMatch(/^[1-9]\d*$/u);
      await expect(orm.em.getKnex().raw('drop table link')).rejects.toMatchObject({ code: '42501' });
    } finally {
      await orm.close(true);
    }
  });
});
