/**
 * How the suite finds the outside components some tests need (tests/support/components.ts):
 * Chromium where a user has it, Redis where REDIS_URL says, and nothing where they are not.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { findChromium, probeRedis, redisUrl } from '../support/components';
import { freePort } from '../support/free-port';

const PROVIDE_CHROMIUM = 'apt-get install chromium (or set CHROMIUM_PATH)';

describe('Chromium', () => {
  let dir: string;
  /** A file in the temporary folder, executable or not. */
  async function file(name: string, executable: boolean): Promise<string> {
    const file = path.join(dir, name);
    await writeFile(file, '#!/bin/sh\n');
    await chmod(file, executable ? 0o755 : 0o644);
    return file;
  }
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-chromium-lookup-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is the executable CHROMIUM_PATH names, and absent when that is none, whatever else is installed', async () => {
    const own = await file('my-chromium', true);
    expect(findChromium({ CHROMIUM_PATH: own, PATH: dir }, own)).toEqual({ found: own, provide: PROVIDE_CHROMIUM });
    expect(findChromium({ CHROMIUM_PATH: '/nowhere/chromium', PATH: dir }, own)).toEqual({
      reason: 'CHROMIUM_PATH=/nowhere/chromium is no executable',
      provide: PROVIDE_CHROMIUM,
    });
  });

  it("is Debian's when installed, before any on PATH", async () => {
    const debian = await file('debian-chromium', true);
    await file('google-chrome', true);
    expect(findChromium({ PATH: dir }, debian).found).toBe(debian);
  });

  it('is chromium, chromium-browser or google-chrome on PATH, in that order, if executable', async () => {
    const elsewhere = await mkdtemp(path.join(tmpdir(), 'dutyhub-chromium-path-'));
    try {
      const chrome = await file('google-chrome', true);
      await file('chromium', false);
      const browser = path.join(elsewhere, 'chromium-browser');
      await writeFile(browser, '#!/bin/sh\n');
      await chmod(browser, 0o755);
      const PATH = [dir, elsewhere].join(path.delimiter);
      expect(findChromium({ PATH }, '/nowhere/chromium').found).toBe(browser);
      await rm(browser);
      expect(findChromium({ PATH }, '/nowhere/chromium').found).toBe(chrome);
      await rm(chrome);
      expect(findChromium({ PATH }, '/nowhere/chromium')).toEqual({
        reason: 'none of /nowhere/chromium, chromium, chromium-browser, google-chrome on PATH',
        provide: PROVIDE_CHROMIUM,
      });
    } finally {
      await rm(elsewhere, { recursive: true, force: true });
    }
  });
});

describe('Redis', () => {
  it('is looked for at REDIS_URL, else on the default port of this machine', () => {
    expect(redisUrl({ REDIS_URL: 'redis://cache.internal:6380' })).toBe('redis://cache.internal:6380');
    expect(redisUrl({})).toBe('redis://127.0.0.1:6379');
  });

  it('is absent where nothing listens', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    expect(probeRedis(url, 200)).toEqual({
      reason: `nothing answers at ${url}`,
      provide: 'apt-get install redis-server && redis-server --daemonize yes (or set REDIS_URL)',
    });
  });

  it('is absent where a server takes the connection but does not answer PING in time', async () => {
    // The kernel accepts the probe's connection while this process waits for the probe.
    const silent: Server = createServer(() => {});
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, '127.0.0.1', () => resolve((silent.address() as { port: number }).port)),
    );
    try {
      expect(probeRedis(`redis://127.0.0.1:${port}`, 200).found).toBeUndefined();
    } finally {
      await new Promise((resolve) => silent.close(resolve));
    }
  });
});
