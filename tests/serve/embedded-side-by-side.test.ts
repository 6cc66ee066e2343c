/**
 * Two checkouts started side by side with the same EMBEDDED_PG_PORT: each serves the data of its
 * own data folder. The second finds the port taken by the first's PostgreSQL, takes another and
 * says which; the CLI, run with the second's data folder, finds that server through its
 * postmaster.pid and imports into it.
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { freePort } from '../support/free-port';
import { type HubProcess, startHubProcess, townItems } from '../support/hub-process';

const root = path.join(__dirname, '..', '..');
let scratch: string;
const hubs: HubProcess[] = [];

beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'dutyhub-side-by-side-'));
  // Open to root's postgres user, so that the clusters stay in the data folders (cluster-location.ts).
  await chmod(scratch, 0o755);
});
afterAll(async () => {
  for (const hub of hubs) if (hub.child.exitCode === null) await hub.stop();
  await rm(scratch, { recursive: true, force: true });
});

const logged = (hub: HubProcess, msg: string) => hub.logs.find((entry) => entry.msg === msg);

describe('two checkouts on one machine', () => {
  it('each serve their own data folder; the CLI joins the server of its own', async () => {
    const pgPort = await freePort();
    const emptySeeds = path.join(scratch, 'no-seeds');
    await mkdir(emptySeeds);
    const start = async (name: string, seeds?: string) => {
      const hub = await startHubProcess({
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(pgPort),
        DUTYHUB_DATA_DIR: path.join(scratch, name),
        DUTYHUB_SEEDS_DIR: seeds,
        DATABASE_URL: undefined,
        RESPONSE_CACHE: 'off',
      });
      hubs.push(hub);
      return hub;
    };

    const seeded = await start('seeded');
    const empty = await start('empty', emptySeeds);
    expect(await townItems(seeded.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });
    expect(await townItems(empty.url)).toEqual({ towns: [] });

    expect(logged(seeded, 'embedded PostgreSQL started')).toMatchObject({ port: pgPort });
    expect(logged(seeded, 'port of the embedded PostgreSQL taken; using another')).toBeUndefined();
    const moved = logged(empty, 'port of the embedded PostgreSQL taken; using another');
    expect(moved).toMatchObject({ level: 40, configuredPort: pgPort });
    const emptyPort = moved?.port as number;
    expect(emptyPort).not.toBe(pgPort);
    expect(logged(empty, 'embedded PostgreSQL started')).toMatchObject({
      port: emptyPort,
      dir: path.join(scratch, 'empty', 'postgres'),
    });

    // The CLI with the second's data folder (and the same configured port) imports into its server.
    const cli = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'import', path.join(root, 'seeds')],
      {
        cwd: root,
        env: {
          ...process.env,
          TS_NODE_SWC: 'true',
          LOG_LEVEL: 'info',
          EMBEDDED_PG_PORT: String(pgPort),
          DUTYHUB_DATA_DIR: path.join(scratch, 'empty'),
          DATABASE_URL: '',
        },
      },
    );
    const cliLogs = cli.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(
      cliLogs.find((entry) => entry.msg === 'embedded PostgreSQL already running; connecting to it'),
    ).toMatchObject({ port: emptyPort });
    expect(await townItems(empty.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });

    // Each stops its own PostgreSQL; the other's keeps serving.
    expect(await empty.stop()).toBe(0);
    expect(logged(empty, 'embedded PostgreSQL stopped')).toBeDefined();
    expect(await townItems(seeded.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });
    expect(await seeded.stop()).toBe(0);
    // Two hubs, each with its PostgreSQL, and a CLI import: 30 s on a loaded two-core machine.
  }, 180_000);
});
