import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';
import { freePort } from './free-port';
import { onServer, TEMPLATES_ENV, type TestTemplates } from './postgres-server';

declare global {
  // Shared with global-teardown, which runs in the same process.
  var dutyhubTestTeardown: (() => Promise<void>) | undefined;
}

export default async function globalSetup(): Promise<void> {
  const logger = pino({ level: 'silent' });
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => {};
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({
      dataDir: await mkdtemp(path.join(tmpdir(), 'dutyhub-test-')),
      port: await freePort(),
      persistent: false,
      logger,
    });
    serverUrl = embedded.url;
    stopServer = embedded.stop;
  }

  const run = `${process.pid}_${Date.now().toString(36)}`;
  const templates: TestTemplates = {
    serverUrl,
    migrated: `dutyhub_template_${run}`,
    seeded: `dutyhub_template_seeded_${run}`,
  };
  process.env[TEMPLATES_ENV] = JSON.stringify(templates);
  execFileSync(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'prepare-templates.ts')],
    {
      env: { ...process.env, TS_NODE_SWC: 'true' },
      stdio: 'inherit',
    },
  );
  globalThis.dutyhubTestTeardown = async () => {
    await onServer(serverUrl, [
      `drop database if exists "${templates.seeded}"`,
      `drop database if exists "${templates.migrated}"`,
    ]);
    await stopServer();
  };
}
