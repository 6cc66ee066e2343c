import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** The pages `vite build` writes (vite.config.mts's inputs). */
export function builtPages(root: string): string[] {
  return ['explorer', 'graphiql', 'versions'].map((page) => path.join(root, 'dist', 'web', page, 'index.html'));
}

function newestModification(file: string): number {
  const stats = statSync(file);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(file).map((entry) => newestModification(path.join(file, entry))));
}

/**
 * dist/web holds every page, built after the last change to what they are built from: web/,
 * vite.config.mts, and the lockfile (the libraries bundled into them).
 */
export function webBuildIsCurrent(root: string): boolean {
  const pages = builtPages(root);
  if (!pages.every((page) => existsSync(page))) return false;
  const built = Math.min(...pages.map((page) => statSync(page).mtimeMs));
  const sources = ['web', 'vite.config.mts', 'package-lock.json']
    .map((source) => path.join(root, source))
    .filter((source) => existsSync(source));
  return built >= Math.max(...sources.map(newestModification));
}
