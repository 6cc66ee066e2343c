/**
 * Where a V8 CPU profile's time went: self time by package (or `dutyhub`, `node:` internals,
 * `(garbage collector)`…) and the functions with the most self time, as a share of the profile.
 *   node -r ts-node/register/transpile-only bench/profile-summary.ts PROFILE.cpuprofile [--top 40]
 * Profiles come from `bench/cpu-per-request.ts --cpu-prof DIR`; idle time is left out of the shares.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** The package a script belongs to: the last `node_modules/<name>` of its path, or `dutyhub`. */
function packageOf(url: string, functionName: string): string {
  // V8's own entries are already parenthesised: `(garbage collector)`, `(program)`.
  if (!url) return functionName.startsWith('(') ? functionName : `(${functionName || 'anonymous'})`;
  if (url.startsWith('node:')) return 'node:';
  const match = /.*node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  return match ? match[1] : 'dutyhub';
}

function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '40' } },
  });
  if (positionals.length !== 1) throw new Error('usage: profile-summary.ts PROFILE.cpuprofile [--top N]');
  const profile: Profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, time] of selfTime) {
    const { functionName, url, lineNumber } = (byId.get(id) as ProfileNode).callFrame;
    if (functionName === '(idle)' || functionName === '(program)') continue;
    busy += time;
    const name = packageOf(url, functionName);
    byPackage.set(name, (byPackage.get(name) ?? 0) + time);
    const where = url ? `${url.replace(/.*node_modules\//, '').replace(/.*\/dutyhub\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + time);
  }
  const share = (time: number) => `${((100 * time) / busy).toFixed(1).padStart(5)}%`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  process.stdout.write(`busy ${(busy / 1000).toFixed(0)} ms (idle and (program) left out)\n\nby package\n`);
  for (const [name, time] of sorted(byPackage)) process.stdout.write(`${share(time)}  ${name}\n`);
  process.stdout.write('\nby function (self time)\n');
  for (const [name, time] of sorted(byFunction).slice(0, Number(values.top))) {
    process.stdout.write(`${share(time)}  ${name}\n`);
  }
}

main();
