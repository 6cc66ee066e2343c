/**
 * `npm start` with no DATABASE_URL, as a user runs it: a real process on an embedded PostgreSQL
 * under a fresh data folder, seeded once, stopped cleanly by SIGTERM, its data kept for the next run.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = path.join(__dirname, '..', '..');
let dataDir: string;

interface Started {
  child: ChildProcess;
  url: string;
  logs: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** Starts src/main.ts as its own process and waits for it to serve. */
async function startHub(port: number, pgPort: number): Promise<Started> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(pgPort),
    DUTYHUB_DATA_DIR: dataDir,
    LOG_LEVEL: 'info',
    TS_NODE_SWC: 'true',
  };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/main.ts'], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        logs.push(entry);
        if (entry.msg === 'dutyhub is serving GraphQL') resolve(entry.url as string);
      }
    });
    void exited.then((code) => reject(new Error(`the hub exited with ${code} before serving`)));
  });
  return { child, url, logs, exited };
}

async function stop(hub: Started): Promise<number | null> {
  hub.child.kill('SIGTERM');
  return hub.exited;
}

async function townItems(url: string): Promise<unknown> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ towns { name items { totalCount } } }' }),
  });
  return ((await response.json()) as { data: unknown }).data;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

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
    expect(await stop(first)).toBe(0);
    const messages = first.logs.map((entry) => entry.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['migrations applied', 'empty database: importing seeds', 'embedded PostgreSQL stopped']),
    );

    const second = await startHub(port, pgPort);
    expect(await townItems(second.url)).toEqual({ towns: [{ name: '托里镇', items: { totalCount: 255 } }] });
    expect(await stop(second)).toBe(0);
    const again = second.logs.map((entry) => entry.msg);
    expect(again).not.toContain('empty database: importing seeds');
    expect(again).not.toContain('migrations applied');
    expect(again).toContain('embedded PostgreSQL stopped');
  });
});
