/**
 * `npm start` with no DATABASE_URL, as a user runs it: a real process on an embedded PostgreSQL
 * under a fresh data folder, seeded once, stopped cleanly by SIGTERM, its data kept for the next run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/free-port';
import { startHubProcess, townItems } from '../support/hub-process';

let dataDir: string;

/** What a first start logs, in this order, from the empty data folder to serving. */
const FIRST_START = [
  'initialising embedded PostgreSQL (first start)',
  'starting embedded PostgreSQL',
  'embedded PostgreSQL started',
  'applying migrations',
  'migrations applied',
  'empty database: importing seeds',
  'import done',
  'dutyhub is serving GraphQL',
];

/** The hub with no DATABASE_URL, on an embedded PostgreSQL under the test's data folder. */
const startHub = (port: number, pgPort: number) =>
  startHubProcess({
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DUTYHUB_DATA_DIR: dataDir,
    DATABASE_URL: undefined,
  });

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'dutyhub-embedded-'));
});
afterAll(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('the embedded default', () => {
  it('starts PostgreSQL, migrates, seeds, serves, and stops cleanly on SIGTERM; a restart keeps the data', async () => {
    const [port, pgPort] = [await freePort(), await freePort()];
    const first = await startHub(port, pgPort);
    expect(first.url).toBe(`http://localhost:${port}/graphql`);
    expect(await townItems(first.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });
    expect(await first.stop()).toBe(0);
    const messages = first.logs.map((entry) => entry.msg as string);
    // A first start says what it is doing, in order, so that nobody takes it for hung.
    expect(messages.filter((msg) => FIRST_START.includes(msg))).toEqual(FIRST_START);
    expect(first.logs.find((entry) => entry.msg === 'import done')).toMatchObject({ progress: '1/1' });
    expect(messages.at(-1)).toBe('embedded PostgreSQL stopped');

    const second = await startHub(port, pgPort);
    expect(await townItems(second.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });
    expect(await second.stop()).toBe(0);
    const again = second.logs.map((entry) => entry.msg);
    expect(again).not.toContain('empty database: importing seeds');
    expect(again).not.toContain('migrations applied');
    expect(again).not.toContain('initialising embedded PostgreSQL (first start)');
    expect(again).toContain('embedded PostgreSQL stopped');
  });
});
