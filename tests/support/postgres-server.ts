/**
 * The PostgreSQL server the tests run against: the one in DATABASE_URL, or an embedded one started
 * for the run in a temporary folder. Each test file gets a database of its own, copied from a
 * migrated (and optionally seeded) template that global setup prepares once.
 */
import { Client } from 'pg';

export interface TestTemplates {
  /** Server URL with no database path: tests append theirs. */
  serverUrl: string;
  migrated: string;
  seeded: string;
}

export const TEMPLATES_ENV = 'DUTYHUB_TEST_TEMPLATES';

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's maintenance database. */
export async function onServer(serverUrl: string, statements: string[]): Promise<void> {
  const client = new Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE … TEMPLATE, retried while another session briefly holds the template. */
export async function copyDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer(serverUrl, [`create database "${name}" template "${template}"`]);
      return;
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code !== '55006' || attempt >= 20) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

export function readTemplates(): TestTemplates {
  const raw = process.env[TEMPLATES_ENV];
  if (!raw) {
    throw new Error(
      'no test database: the jest global setup (tests/support/global-setup.ts) runs for the api and system ' +
        'projects only; a test that needs a database belongs in a folder of theirs, not a unit one (jest.config.ts)',
    );
  }
  return JSON.parse(raw) as TestTemplates;
}
