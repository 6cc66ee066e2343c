/**
 * `npm run build`, which `npm start` runs first (scripts/build.ts), in a copy of the project's
 * sources: the first build says what it compiles and bundles; a second with nothing changed says
 * both are up to date and rewrites nothing in dist/; after a change to one server source, that
 * source and its importers are compiled again, and the other modules and the pages are left alone.
 */
import { execFile } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

const root = path.join(__dirname, '..', '..');
const SOURCES = [
  'src',
  'web',
  'scripts',
  'tsconfig.json',
  'tsconfig.build.json',
  'vite.config.mts',
  'package.json',
  'package-lock.json',
];
let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(tmpdir(), 'dutyhub-build-'));
  for (const source of SOURCES) cpSync(path.join(root, source), path.join(project, source), { recursive: true });
  symlinkSync(path.join(root, 'node_modules'), path.join(project, 'node_modules'));
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

/** `npm run build`'s command; its progress lines on stderr. */
async function build(): Promise<string[]> {
  const { stderr } = await promisify(execFile)(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'scripts/build.ts'],
    { cwd: project, env: { ...process.env, TS_NODE_SWC: 'true' }, timeout: 600_000 },
  );
  return stderr.split('\n').filter((line) => line.startsWith('build: '));
}

/** Every file under dist/ with its modification time. */
function distFiles(): Map<string, number> {
  const dist = path.join(project, 'dist');
  const files = readdirSync(dist, { recursive: true, encoding: 'utf8' }).filter((file) =>
    statSync(path.join(dist, file)).isFile(),
  );
  return new Map(files.map((file) => [file, statSync(path.join(dist, file)).mtimeMs]));
}

const changed = (before: Map<string, number>, after: Map<string, number>) =>
  [...after].filter(([file, mtime]) => before.get(file) !== mtime).map(([file]) => file);

describe('npm run build', () => {
  it('builds once, then rewrites nothing until a source changes, then only what it changed', async () => {
    const first = await build();
    expect(first).toHaveLength(4);
    expect(first[0]).toBe('build: compiling the server (TypeScript → dist/src)…');
    expect(first[1]).toMatch(/^build: server compiled in \d+\.\d s$/);
    expect(first[2]).toBe('build: bundling the explorer and GraphiQL pages (Vite → dist/web)…');
    expect(first[3]).toMatch(/^build: pages bundled in \d+\.\d s$/);
    const built = distFiles();
    expect(built.has(path.join('src', 'main.js'))).toBe(true);
    expect(built.has(path.join('web', 'explorer', 'index.html'))).toBe(true);

    expect(await build()).toEqual(['build: server up to date', 'build: pages up to date']);
    expect(changed(built, distFiles())).toEqual([]);

    appendFileSync(path.join(project, 'src', 'health.ts'), '\n// A change that no other module depends on.\n');
    const third = await build();
    expect(third[0]).toBe('build: compiling the server (TypeScript → dist/src)…');
    expect(third.at(-1)).toBe('build: pages up to date');
    // The changed module and those that import it are compiled again; other modules and the pages are left.
    const rewritten = changed(built, distFiles());
    expect(rewritten).toContain(path.join('src', 'health.js'));
    expect(rewritten).not.toContain(path.join('src', 'ingest', 'parse.js'));
    expect(rewritten.filter((file) => file.startsWith(`web${path.sep}`))).toEqual([]);
    expect(rewritten.length).toBeLessThan(built.size / 10);
    // A first build takes a minute or two on a loaded two-core machine.
  }, 300_000);
});
