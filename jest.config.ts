/** @jest-config-loader ts-node */
// Node 22.18+ and 24 load a TypeScript config natively, as an ES module without __dirname: the
// pragma above lets jest fall back to ts-node there, as on Node 20.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from 'jest';

/**
 * The suite in three tiers, by folder of tests/:
 * - unit: pure code, no database (no global setup: `npm run test:unit` starts no PostgreSQL);
 * - api: behaviour over a real database, in this process (every folder not named below);
 * - system: processes, a browser, faults, fuzzing, scale; and any test file that starts a process.
 */
export type Tier = 'unit' | 'api' | 'system';

const UNIT_FOLDERS = ['ingest', 'graph', 'schema', 'suite'];
const SYSTEM_FOLDERS = ['browser', 'faults', 'scale', 'serve'];
/** Files whose tier is not their folder's. */
const FILE_TIERS: Record<string, Tier> = {
  // type-graphql and Apollo's subgraph build alone.
  'federation/build-federated-schema.test.ts': 'unit',
  // Every operation twice, compiled and on graphql-js, over fuzzed queries: long.
  'api/compiled-execution.test.ts': 'system',
};
/** A test file that imports these starts processes of its own. */
const STARTS_PROCESSES = /^import [^;]* from '(?:(?:node:)?child_process|\.\.\/support\/(?:hub|postgres)-process)'/mu;

/** The tier of a test file, by its path under tests/ and its source. */
export function tierOf(file: string, source: string): Tier {
  const fixed = FILE_TIERS[file];
  if (fixed) return fixed;
  if (STARTS_PROCESSES.test(source)) return 'system';
  const folder = file.split('/')[0];
  if (UNIT_FOLDERS.includes(folder)) return 'unit';
  if (SYSTEM_FOLDERS.includes(folder)) return 'system';
  return 'api';
}

const testsDir = path.join(__dirname, 'tests');
const testFiles = readdirSync(testsDir, { recursive: true, encoding: 'utf8' })
  .map((file) => file.split(path.sep).join('/'))
  .filter((file) => file.endsWith('.test.ts'));

function project(tier: Tier): NonNullable<Config['projects']>[number] {
  const files = testFiles.filter((file) => tierOf(file, readFileSync(path.join(testsDir, file), 'utf8')) === tier);
  return {
    displayName: tier,
    testEnvironment: 'node',
    roots: ['<rootDir>/tests'],
    testMatch: files.map((file) => `<rootDir>/tests/${file}`),
    transform: { '^.+\\.ts$': ['@swc/jest', {}] },
    // One embedded PostgreSQL (or the server in DATABASE_URL) for the run, started only when a
    // project that needs it has tests in it (jest runs a project's global setup only then, and the
    // same module once); each test file gets its own database.
    ...(tier === 'unit'
      ? {}
      : {
          globalSetup: '<rootDir>/tests/support/global-setup.ts',
          globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
        }),
  };
}

const config: Config = {
  projects: [project('unit'), project('api'), project('system')],
  testTimeout: 60_000,
  // The closing line of tests skipped for an absent Chromium or Redis (tests/support/components.ts).
  reporters: ['default', '<rootDir>/tests/support/skip-summary-reporter.js'],
};

export default config;
