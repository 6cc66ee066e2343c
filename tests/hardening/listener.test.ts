/**
 * The channel imports announce new data on (`dutyhub_dataset_changed`) is open to every role that
 * can connect to the database: whatever is sent on it, a hub keeps answering and follows the
 * generation in its table, never a number from the channel.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Client } from 'pg';
import pino from 'pino';
import { watchDatasetGeneration } from '../../src/cache/dataset-generation';
import { importDocument } from '../../src/ingest/import';
import { documentOf, SEED_LINE, SEED_TEXT } from '../import/helpers';
import { eventually } from '../support/eventually';
import { startHub, type TestHub } from '../support/hub';
import { capturedLogger } from '../support/log-lines';
import { onServer, readTemplates } from '../support/postgres-server';

const CHANNEL = 'dutyhub_dataset_changed';
/** RECLAIMED 33 to 40: a slice of numbers, counted from the items and kept for the generation. */
const SLICE = `{ items(filter: { kinds: [RECLAIMED], numbers: [33, 34, 35, 36, 37, 38, 39, 40] }) {
  totalCount nodes { number } } }`;
/**
 * The seed without its last five rows (RECLAIMED 36 to 40), as a town that shortened its list: imported
 * with allowRemovals, since the removal guard takes a list's lost last rows for a file cut short.
 */
const SHORTENED = SEED_TEXT.split('\n')
  .slice(0, SEED_LINE.reclaimed40 - 7)
  .join('\n');

/** A login role with no grant of its own: PUBLIC's CONNECT is all it has. */
const stranger = { name: `dutyhub_stranger_${process.pid}`, password: 'stranger-secret' };
const { logger, lines } = capturedLogger('warn');
let hub: TestHub;
let channel: Client;

beforeAll(async () => {
  hub = await startHub({
    keepSliceCounts: true,
    cacheMaxAge: 3600,
    responseCache: { store: 'memory', maxBytes: 2 ** 20 },
    logger,
  });
  await onServer(readTemplates().serverUrl, [
    `drop role if exists ${stranger.name}`,
    `create role ${stranger.name} login password '${stranger.password}'`,
  ]);
  const url = new URL(hub.database.url);
  url.username = stranger.name;
  url.password = stranger.password;
  channel = new Client({ connectionString: url.toString() });
  await channel.connect();
});
afterAll(async () => {
  await channel.end();
  await hub.close();
  await onServer(readTemplates().serverUrl, [`drop role if exists ${stranger.name}`]);
});

const notify = (payload: string) => channel.query('select pg_notify($1, $2)', [CHANNEL, payload]);
const slice = async () => {
  const { status, data } = await hub.query(SLICE);
  return {
    status,
    totalCount: data?.items.totalCount as number,
    numbers: data?.items.nodes.map((node: { number: number }) => node.number) as number[],
  };
};
const SEED_SLICE = { status: 200, totalCount: 8, numbers: [33, 34, 35, 36, 37, 38, 39, 40] };
const SHORTENED_SLICE = { status: 200, totalCount: 3, numbers: [33, 34, 35] };

describe('a hub sent forged notifications', () => {
  it('keeps answering after payloads that are no number, and sees the next import', async () => {
    // Counted, kept for this generation and cached.
    expect(await slice()).toEqual(SEED_SLICE);
    expect(await hub.statementsDuring(slice)).toEqual([]);
    for (const payload of ['abc', '', '-1', '1e9', '0x10', '12abc', 'x'.repeat(7000)]) await notify(payload);
    // Notifications arrive in order: once the import is seen, every forged one was handled.
    await importDocument(hub.database.orm.em.getKnex(), documentOf(SHORTENED), { allowRemovals: true });
    expect(await eventually(slice, (reply) => reply.totalCount !== 8)).toEqual(SHORTENED_SLICE);
    expect(lines.filter((line) => (line.level as number) >= 50)).toEqual([]);
  });

  it('does not let a forged generation hide the imports that follow it', async () => {
    const knex = hub.database.orm.em.getKnex();
    // From the shortened list, whatever ran before.
    await importDocument(knex, documentOf(SHORTENED), { allowRemovals: true });
    expect(await eventually(slice, (reply) => reply.totalCount === 3)).toEqual(SHORTENED_SLICE);
    await notify('99999999999999999999999999999999');
    await notify(String(2n ** 63n - 1n));
    await importDocument(knex, documentOf(SEED_TEXT));
    expect(await eventually(slice, (reply) => reply.totalCount !== 3)).toEqual(SEED_SLICE);
    // And the next one too.
    await importDocument(knex, documentOf(SHORTENED), { allowRemovals: true });
    expect(await eventually(slice, (reply) => reply.totalCount !== 8)).toEqual(SHORTENED_SLICE);
  });
});

describe('the watch of the dataset generation', () => {
  it('moves only when the table does: a flood of forged notifications tells its subscribers nothing', async () => {
    const knex = hub.database.orm.em.getKnex();
    const generation = async () => String((await knex('dataset_generation').first('generation')).generation);
    const watch = watchDatasetGeneration({ url: hub.database.url, logger: pino({ level: 'silent' }) });
    const told: string[] = [];
    watch.subscribe((next) => told.push(next));
    await watch.start();
    try {
      expect(watch.current()).toBe(await generation());
      // 500 numbers at once, delivered together when the statement commits.
      await channel.query('select count(pg_notify($1, (n * 1000003)::text)) from generate_series(0, 499) as n', [
        CHANNEL,
      ]);
      await importDocument(knex, documentOf(SEED_TEXT));
      const imported = await generation();
      await eventually(
        async () => watch.current(),
        (current) => current === imported,
      );
      // The first generation read at start, then the import's: none of the 500 forged numbers.
      expect(told).toEqual([String(BigInt(imported) - 1n), imported]);
    } finally {
      await watch.stop();
    }
  });
});
