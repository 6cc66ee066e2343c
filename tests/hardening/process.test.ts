/**
 * A hub that cannot start says why in one fatal line and exits non-zero within seconds, so that
 * its supervisor (Docker, Kubernetes, systemd) sees the failure: never a process that serves
 * nothing and waits, as it did after a failed listen.
 */
import net from 'node:net';
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { freePort } from '../support/free-port';
import { type LaunchedHub, launchHub, startHubProcess } from '../support/hub-process';
import { useDatabase } from '../support/test-database';

// The hub's start through ts-node takes seconds of its own on a busy machine.
jest.setTimeout(120_000);

/** How long a failed start may take from its fatal line to the process's exit: seconds, not forever. */
const EXIT_BOUND_MS = 15_000;

/** The exit code, or a failure if the process is still running `ms` after `since`. */
async function exitWithin(hub: LaunchedHub, ms: number): Promise<number | null> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the hub was still running ${ms} ms after its fatal line`)), ms);
  });
  try {
    return await Promise.race([hub.exited, late]);
  } finally {
    clearTimeout(timer);
  }
}

const database = useDatabase();
const launched: LaunchedHub[] = [];
afterEach(() => {
  // A hub that failed the test by staying alive is not left behind.
  for (const hub of launched.splice(0)) if (hub.child.exitCode === null) hub.child.kill('SIGKILL');
});

function launch(env: Record<string, string>): LaunchedHub {
  const hub = launchHub(env);
  launched.push(hub);
  return hub;
}

describe('a hub that cannot start', () => {
  it('exits 1 when its port is taken, with a fatal line naming the address in use', async () => {
    const port = await freePort();
    // On every interface, as the hub listens.
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(port, resolve));
    try {
      const hub = launch({ DATABASE_URL: database.url, PORT: String(port) });
      const fatal = await hub.line((entry) => entry.level === 60);
      expect(fatal).toMatchObject({ msg: 'serve failed', err: { code: 'EADDRINUSE' } });
      expect((fatal.err as { message: string }).message).toContain(`address already in use :::${port}`);
      expect(await exitWithin(hub, EXIT_BOUND_MS)).toBe(1);
    } finally {
      squatter.close();
    }
  });

  it('exits 1 when its metrics port is taken', async () => {
    const metricsPort = await freePort();
    const squatter = net.createServer();
    await new Promise<void>((resolve) => squatter.listen(metricsPort, resolve));
    try {
      const hub = launch({
        DATABASE_URL: database.url,
        PORT: String(await freePort()),
        METRICS_PORT: String(metricsPort),
      });
      const fatal = await hub.line((entry) => entry.level === 60);
      expect(fatal).toMatchObject({ msg: 'serve failed', err: { code: 'EADDRINUSE' } });
      expect((fatal.err as { message: string }).message).toContain(`:${metricsPort}`);
      expect(await exitWithin(hub, EXIT_BOUND_MS)).toBe(1);
    } finally {
      squatter.close();
    }
  });

  it('exits 1 when its database cannot be reached, with a fatal line saying so', async () => {
    const closed = await freePort();
    const hub = launch({
      DATABASE_URL: `postgresql://postgres@127.0.0.1:${closed}/dutyhub`,
      PORT: String(await freePort()),
    });
    const fatal = await hub.line((entry) => entry.level === 60);
    expect(fatal).toMatchObject({ msg: 'serve failed', err: { code: 'ECONNREFUSED' } });
    expect(await exitWithin(hub, EXIT_BOUND_MS)).toBe(1);
    expect(hub.logs.some((entry) => entry.msg === 'dutyhub is serving GraphQL')).toBe(false);
  });
});

describe('a hub that starts', () => {
  it('serves its metrics on METRICS_PORT, and none on the API port', async () => {
    const metricsPort = await freePort();
    const hub = await startHubProcess({
      DATABASE_URL: database.url,
      PORT: String(await freePort()),
      METRICS_PORT: String(metricsPort),
    });
    try {
      const serving = hub.logs.find((entry) => entry.msg === 'dutyhub is serving GraphQL');
      expect(serving?.metrics).toBe(`http://localhost:${metricsPort}/metrics`);
      const metrics = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
      expect(metrics.status).toBe(200);
      expect(await metrics.text()).toMatch(/^dutyhub_process_resident_memory_bytes \d+$/mu);
      expect((await fetch(hub.url.replace(/graphql$/u, 'metrics'))).status).toBe(404);
    } finally {
      expect(await hub.stop()).toBe(0);
    }
  });
});
