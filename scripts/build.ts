/**
 * `npm run build` (and `npm start`, whose prestart runs it): the server by TypeScript's build mode,
 * the pages by Vite, each only when its sources changed, and a line on stderr for each step, since
 * a first build takes a minute or more on a small machine and says nothing of its own.
 *
 * Usage: build.ts [server|web]   (both when none is named)
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import ts from 'typescript';
import { webBuildIsCurrent } from './web-build-state';

const root = path.join(__dirname, '..');

function say(line: string): void {
  process.stderr.write(`build: ${line}\n`);
}

const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/**
 * `tsc -b tsconfig.build.json`, in process: an up-to-date project (no source newer than its
 * build info) is neither compiled nor written; a changed one recompiles its changed files alone
 * (incremental build info in dist/).
 */
function buildServer(): boolean {
  const started = Date.now();
  const host = ts.createSolutionBuilderHost(ts.sys);
  const builder = ts.createSolutionBuilder(host, [path.join(root, 'tsconfig.build.json')], {});
  let compiled = false;
  let ok = true;
  for (let project = builder.getNextInvalidatedProject(); project; project = builder.getNextInvalidatedProject()) {
    // The other kind only moves the build info's timestamp (sources touched, not changed).
    if (project.kind === ts.InvalidatedProjectKind.Build && !compiled) {
      compiled = true;
      say('compiling the server (TypeScript → dist/src)…');
    }
    ok = project.done() === ts.ExitStatus.Success && ok;
  }
  if (!ok) say('the server did not compile (errors above)');
  else say(compiled ? `server compiled in ${seconds(started)}` : 'server up to date');
  return ok;
}

/** `vite build` into dist/web, unless the pages there are newer than their sources. */
function buildWeb(): boolean {
  if (webBuildIsCurrent(root)) {
    say('pages up to date');
    return true;
  }
  const started = Date.now();
  say('bundling the explorer and GraphiQL pages (Vite → dist/web)…');
  const vite = spawnSync(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (vite.status !== 0) {
    say('the pages did not build (errors above)');
    return false;
  }
  say(`pages bundled in ${seconds(started)}`);
  return true;
}

const steps = { server: buildServer, web: buildWeb };
const named = process.argv.slice(2) as (keyof typeof steps)[];
const unknown = named.filter((name) => !(name in steps));
if (unknown.length > 0) {
  process.stderr.write(`usage: build.ts [server|web]; not a step: ${unknown.join(', ')}\n`);
  process.exit(2);
}
const chosen = named.length > 0 ? named : (['server', 'web'] as const);
// Every step runs, so one failing does not hide another's errors.
const results = chosen.map((name) => steps[name]());
process.exitCode = results.every(Boolean) ? 0 : 1;
