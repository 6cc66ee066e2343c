/** Which tier (jest project) a test file runs in, decided by jest.config.ts without a list to edit. */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import config, { tierOf } from '../../jest.config';

const PURE = "import { describe } from '@jest/globals';\n";

describe('tierOf', () => {
  it('puts a test file in the tier of its folder', () => {
    expect(tierOf('ingest/parse.test.ts', PURE)).toBe('unit');
    expect(tierOf('schema/schema-drift.test.ts', PURE)).toBe('unit');
    expect(tierOf('hardening/limits.test.ts', PURE)).toBe('api');
    expect(tierOf('api/slices.test.ts', PURE)).toBe('api');
    expect(tierOf('browser/explorer.test.ts', PURE)).toBe('system');
    expect(tierOf('faults/fuzz.test.ts', PURE)).toBe('system');
  });

  it('puts a file of a new folder in api, where a database is ready', () => {
    expect(tierOf('versions/history.test.ts', PURE)).toBe('api');
  });

  it('puts a file that starts processes in system, whatever its folder', () => {
    expect(tierOf('hardening/restart.test.ts', "import { spawn } from 'node:child_process';\n")).toBe('system');
    expect(tierOf('api/signals.test.ts', "import { startHubProcess } from '../support/hub-process';\n")).toBe('system');
    expect(tierOf('ingest/cli.test.ts', "import { execFile } from 'child_process';\n")).toBe('system');
  });

  it('keeps the two files that are not in their folder’s tier where they belong', () => {
    expect(tierOf('federation/build-federated-schema.test.ts', PURE)).toBe('unit');
    expect(tierOf('api/compiled-execution.test.ts', PURE)).toBe('system');
  });
});

describe('the projects', () => {
  const projects = (config.projects ?? []) as { displayName: string; testMatch: string[]; globalSetup?: string }[];

  it('are unit, api and system; only api and system start the database', () => {
    expect(projects.map((project) => [project.displayName, project.globalSetup])).toEqual([
      ['unit', undefined],
      ['api', '<rootDir>/tests/support/global-setup.ts'],
      ['system', '<rootDir>/tests/support/global-setup.ts'],
    ]);
  });

  it('hold every test file of tests/ once', () => {
    const tests = path.join(__dirname, '..');
    const files = readdirSync(tests, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.test.ts'))
      .map((file) => `<rootDir>/tests/${file.split(path.sep).join('/')}`)
      .sort();
    expect(projects.flatMap((project) => project.testMatch).sort()).toEqual(files);
    expect(projects.find((project) => project.displayName === 'unit')?.testMatch).toContain(
      '<rootDir>/tests/suite/tiers.test.ts',
    );
  });
});
