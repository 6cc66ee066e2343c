/**
 * Where a V8 profile's cost went, by package (or `dutyhub`, `node:` internals, `(garbage
 * collector)`…) and by function, as shares of the whole: self time of a CPU profile
 * (`.cpuprofile`, from `bench/cpu-per-request.ts --cpu-prof DIR`; idle time left out), or bytes
 * allocated of a sampled allocation profile (`.heapprofile`, from `--allocation-prof DIR`, garbage
 * included), with the bytes per request when told how many requests the server answered.
 *   node -r ts-node/register/transpile-only bench/profile-summary.ts PROFILE [--top 40] [--requests N]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
}

interface AllocationNode {
  callFrame: CallFrame;
  selfSize: number;
  children: AllocationNode[];
}

/** Each function's own cost: microseconds of a CPU profile, bytes of an allocation profile. */
type Costs = [CallFrame, number][];

function cpuCosts(profile: CpuProfile): Costs {
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfTime = new Map<number, number>();
  profile.samples.forEach((id, index) => {
    selfTime.set(id, (selfTime.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
  });
  return [...selfTime]
    .map(([id, time]): [CallFrame, number] => [byId.get(id) as CallFrame, time])
    .filter(([{ functionName }]) => functionName !== '(idle)' && functionName !== '(program)');
}

function allocationCosts(head: AllocationNode): Costs {
  const costs: Costs = [];
  const pending = [head];
  for (let node = pending.pop(); node; node = pending.pop()) {
    costs.push([node.callFrame, node.selfSize]);
    pending.push(...node.children);
  }
  return costs;
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
    options: { top: { type: 'string', default: '40' }, requests: { type: 'string' } },
  });
  if (positionals.length !== 1) throw new Error('usage: profile-summary.ts PROFILE [--top N] [--requests N]');
  const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
  const allocations = 'head' in profile;
  const costs = allocations ? allocationCosts(profile.head) : cpuCosts(profile);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let whole = 0;
  for (const [{ functionName, url, lineNumber }, cost] of costs) {
    whole += cost;
    const name = packageOf(url, functionName);
    byPackage.set(name, (byPackage.get(name) ?? 0) + cost);
    const where = url ? `${url.replace(/.*node_modules\//, '').replace(/.*\/dutyhub\//, '')}:${lineNumber + 1}` : '';
    const key = `${functionName || '(anonymous)'} ${where}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + cost);
  }
  const share = (cost: number) => `${((100 * cost) / whole).toFixed(1).padStart(5)}%`;
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  const perRequest = values.requests ? `, ${(whole / 1000 / Number(values.requests)).toFixed(0)} kB a request` : '';
  process.stdout.write(
    allocations
      ? `allocated ${(whole / 1e6).toFixed(0)} MB${perRequest}\n\nby package\n`
      : `busy ${(whole / 1000).toFixed(0)} ms (idle and (program) left out)\n\nby package\n`,
  );
  for (const [name, cost] of sorted(byPackage)) process.stdout.write(`${share(cost)}  ${name}\n`);
  process.stdout.write(`\nby function (self ${allocations ? 'allocations' : 'time'})\n`);
  for (const [name, cost] of sorted(byFunction).slice(0, Number(values.top))) {
    process.stdout.write(`${share(cost)}  ${name}\n`);
  }
}

main();
