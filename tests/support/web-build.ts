import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.join(__dirname, '..', '..');
export const WEB_ROOT = path.join(root, 'dist', 'web');
const PAGES = [path.join(WEB_ROOT, 'explorer', 'index.html'), path.join(WEB_ROOT, 'graphiql', 'index.html')];
const LOCK = path.join(root, 'dist', '.web-build.lock');

function newestSource(directory: string): number {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const file = path.join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(file) : statSync(file).mtimeMs);
  }
  return newest;
}

/** dist/web holds both pages, built after the last change to web/ or vite.config.mts. */
function upToDate(): boolean {
  if (!PAGES.every((page) => existsSync(page))) return false;
  const built = Math.min(...PAGES.map((page) => statSync(page).mtimeMs));
  const sources = Math.max(newestSource(path.join(root, 'web')), statSync(path.join(root, 'vite.config.mts')).mtimeMs);
  return built >= sources;
}

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
