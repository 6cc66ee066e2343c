/**
 * An embedded PostgreSQL in a process of its own, for tests that stop and start the database
 * under a running hub. Prints its URL when ready; stops the server on SIGTERM.
 * Usage: node -r ts-node/register/transpile-only postgres-process.ts DIR PORT
 */
import pino from 'pino';
import { startEmbeddedPostgres } from '../../src/db/embedded-postgres';

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  const postgres = await startEmbeddedPostgres({
    dataDir,
    port: Number(port),
    persistent: true,
    logger: pino({ level: 'silent' }),
  });
  process.once('SIGTERM', () => {
    void postgres.stop().then(() => process.exit(0));
  });
  process.stdout.write(`${postgres.url}\n`);
}

main().catch((error) => {
  process.stderr.write(`${error}\n`);
  process.exit(1);
});
