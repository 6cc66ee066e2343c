/**
 * jest as a user runs it, on a machine without Chromium and Redis: the tests that need them are
 * skipped and the run ends with one line saying which, why, and what provides them; with
 * DUTYHUB_REQUIRE_ALL=1, as in CI, they fail the run instead.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from '@jest/globals';
import { freePort } from '../support/free-port';

const root = path.join(__dirname, '..', '..');

/** jest on tests/suite/fixtures with the suite's transform and reporters; its exit code and output. */
async function runJest(env: Record<string, string>): Promise<{ code: number; lines: string[] }> {
  const config = {
    rootDir: root,
    roots: ['<rootDir>/tests/suite/fixtures'],
    testMatch: ['**/*.fixture.ts'],
    testEnvironment: 'node',
    transform: { '^.+\\.ts$': ['@swc/jest', {}] },
    reporters: ['default', '<rootDir>/tests/support/skip-summary-reporter.js'],
  };
  const inherited = { ...process.env };
  delete inherited.DUTYHUB_REQUIRE_ALL;
  delete inherited.DUTYHUB_SKIPS_DIR;
  const jest = path.join(root, 'node_modules', 'jest', 'bin', 'jest.js');
  const result = await promisify(execFile)(process.execPath, [jest, '--ci', '--config', JSON.stringify(config)], {
    cwd: root,
    env: { ...inherited, ...env },
  }).then(
    (output) => ({ code: 0, stderr: output.stderr }),
    (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
  );
  return { code: result.code, lines: result.stderr.trimEnd().split('\n') };
}

describe('a run without Chromium and Redis', () => {
  it('skips what needs them and ends with one line of what was skipped and why', async () => {
    const redis = `redis://127.0.0.1:${await freePort()}`;
    const { code, lines } = await runJest({ CHROMIUM_PATH: '/nowhere/chromium', REDIS_URL: redis });
    expect(code).toBe(0);
    expect(lines).toContain('Tests:       3 skipped, 1 passed, 4 total');
    expect(lines.at(-1)).toBe(
      'Skipped 2 tests needing Chromium (CHROMIUM_PATH=/nowhere/chromium is no executable; provide it: apt-get install chromium (or set CHROMIUM_PATH)), ' +
        `1 test needing Redis (nothing answers at ${redis}; provide it: apt-get install redis-server && redis-server --daemonize yes (or set REDIS_URL))`,
    );
  });

  it('fails under DUTYHUB_REQUIRE_ALL=1, naming what is missing', async () => {
    const redis = `redis://127.0.0.1:${await freePort()}`;
    const { code, lines } = await runJest({
      CHROMIUM_PATH: '/nowhere/chromium',
      REDIS_URL: redis,
      DUTYHUB_REQUIRE_ALL: '1',
    });
    expect(code).toBe(1);
    expect(lines).toContain('Tests:       2 failed, 1 passed, 3 total');
    expect(lines.map((line) => line.trim())).toEqual(
      expect.arrayContaining([
        '● a page › needs Chromium',
        '● a shared cache › needs Redis',
        'Chromium absent (CHROMIUM_PATH=/nowhere/chromium is no executable) and DUTYHUB_REQUIRE_ALL=1: apt-get install chromium (or set CHROMIUM_PATH)',
        `Redis absent (nothing answers at ${redis}) and DUTYHUB_REQUIRE_ALL=1: apt-get install redis-server && redis-server --daemonize yes (or set REDIS_URL)`,
      ]),
    );
    expect(lines.some((line) => line.startsWith('Skipped '))).toBe(false);
  });
});
