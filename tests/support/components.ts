/**
 * The outside components some tests need besides Node and PostgreSQL: Chromium (the browser tests)
 * and Redis (the response cache shared by replicas). This module alone decides whether each is
 * there. A block of tests that needs an absent one is skipped, and the skip is recorded with its
 * reason and the command that provides the component, for the run's closing line
 * (tests/support/skip-summary-reporter.js); under DUTYHUB_REQUIRE_ALL=1 (CI) it fails instead.
 */
import { spawnSync } from 'node:child_process';
import { accessSync, appendFileSync, constants, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

export type Component = 'Chromium' | 'Redis';

export interface Availability {
  /** Where it is: Chromium's executable, Redis's URL; undefined when absent. */
  found?: string;
  /** Why it counts as absent. */
  reason?: string;
  /** The command that provides it. */
  provide: string;
}

/** What the skip summary reporter reads, one JSON line per skipped block. */
export interface SkipRecord {
  component: Component;
  file: string;
  title: string;
  reason: string;
  provide: string;
}

/** Set by the skip summary reporter: where skipped blocks are recorded. */
export const SKIPS_DIR_ENV = 'DUTYHUB_SKIPS_DIR';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
/** Chromium's executables looked for on PATH, after Debian's /usr/bin/chromium. */
const CHROMIUM_COMMANDS = ['chromium', 'chromium-browser', 'google-chrome'];

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Chromium from CHROMIUM_PATH when set (and only there), else Debian's `installed`, else on PATH. */
export function findChromium(env: NodeJS.ProcessEnv = process.env, installed = '/usr/bin/chromium'): Availability {
  const provide = 'apt-get install chromium (or set CHROMIUM_PATH)';
  if (env.CHROMIUM_PATH) {
    return isExecutable(env.CHROMIUM_PATH)
      ? { found: env.CHROMIUM_PATH, provide }
      : { reason: `CHROMIUM_PATH=${env.CHROMIUM_PATH} is no executable`, provide };
  }
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const onPath = CHROMIUM_COMMANDS.flatMap((command) => dirs.map((dir) => path.join(dir, command)));
  const found = [installed, ...onPath].find(isExecutable);
  return found
    ? { found, provide }
    : { reason: `none of ${installed}, ${CHROMIUM_COMMANDS.join(', ')} on PATH`, provide };
}

/** The Redis the tests use: REDIS_URL, or the default port on this machine. */
export function redisUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_URL || DEFAULT_REDIS_URL;
}

/**
 * Connects to the Redis at `url` and sends PING; any reply within `timeoutMs` means a Redis
 * answers. Test files decide what to define while jest collects them, synchronously, hence a
 * probe in a short-lived process.
 */
export function probeRedis(url = redisUrl(), timeoutMs = 1000): Availability {
  const provide = 'apt-get install redis-server && redis-server --daemonize yes (or set REDIS_URL)';
  const { hostname, port } = new URL(url);
  const probe = `
    const socket = require('node:net').connect(Number(process.argv[2]), process.argv[1]);
    const done = (code) => { socket.destroy(); process.exit(code); };
    socket.setTimeout(${timeoutMs}, () => done(1));
    socket.on('error', () => done(1));
    socket.on('connect', () => socket.write('PING\\r\\n'));
    socket.on('data', (reply) => done(reply[0] === 0x2b || reply[0] === 0x2d ? 0 : 1));
  `;
  const host = hostname.replace(/^\[|\]$/gu, '');
  const { status } = spawnSync(process.execPath, ['-e', probe, host, port || '6379'], { timeout: timeoutMs + 2000 });
  return status === 0 ? { found: url, provide } : { reason: `nothing answers at ${url}`, provide };
}

const availability: Record<Component, () => Availability> = {
  Chromium: () => findChromium(),
  Redis: () => probeRedis(),
};
const known = new Map<Component, Availability>();

/** Whether `component` is there, decided once per test file. */
export function componentAvailability(component: Component): Availability {
  let state = known.get(component);
  if (!state) {
    state = availability[component]();
    known.set(component, state);
  }
  return state;
}

/** Chromium's executable; throws (with what to do) when there is none. */
export function chromiumPath(): string {
  const { found, reason, provide } = componentAvailability('Chromium');
  if (!found) throw new Error(`Chromium absent: ${reason}; ${provide}`);
  return found;
}

function recordSkip(record: SkipRecord): void {
  const dir = process.env[SKIPS_DIR_ENV];
  if (dir) appendFileSync(path.join(dir, `${process.pid}.jsonl`), `${JSON.stringify(record)}\n`);
}

/**
 * `describe(title, body)` when `component` is there. Otherwise the block is skipped and recorded
 * for the run's summary; under DUTYHUB_REQUIRE_ALL=1 it holds one failing test that says what is
 * missing instead, so that nothing is skipped unnoticed.
 */
export function describeWith(component: Component, title: string, body: () => void): void {
  const { found, reason = '', provide } = componentAvailability(component);
  if (found) {
    describe(title, body);
  } else if (process.env.DUTYHUB_REQUIRE_ALL === '1') {
    describe(title, () => {
      it(`needs ${component}`, () => {
        throw new Error(`${component} absent (${reason}) and DUTYHUB_REQUIRE_ALL=1: ${provide}`);
      });
    });
  } else {
    recordSkip({ component, file: expect.getState().testPath ?? '', title, reason, provide });
    describe.skip(title, body);
  }
}
