import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { webBuildIsCurrent } from '../../scripts/web-build-state';

const root = path.join(__dirname, '..', '..');
export const WEB_ROOT = path.join(root, 'dist', 'web');
const LOCK = path.join(root, 'dist', '.web-build.lock');

/** dist/web holds both pages, built after the last change to their sources (as `npm run build:web` decides). */
const upToDate = () => webBuildIsCurrent(root);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `vite build` (what `npm run build:web` runs) unless dist/web is there and newer than its sources.
 * Test files run in parallel workers: a lock folder lets one build while the others wait for it.
 */
export async function ensureWebBuilt(): Promise<void> {
  const deadline = Date.now() + 240_000;
  while (!upToDate()) {
    mkdirSync(path.dirname(LOCK), { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Another worker builds; a lock older than five minutes is left over from a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000) rmSync(LOCK, { recursive: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${LOCK}`);
      await sleep(500);
      continue;
    }
    try {
      if (!upToDate()) {
        await promisify(execFile)(
          process.execPath,
          [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'],
          {
            cwd: root,
            timeout: 240_000,
          },
        );
      }
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
}
