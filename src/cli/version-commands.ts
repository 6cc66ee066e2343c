/**
 * `history TOWN`, `diff TOWN FROM TO` and `compare TOWN_A TOWN_B`: what the API's Town.versions,
 * townDiff and compareTowns answer, from the same repository and the same diff, for a terminal
 * (or `--format json`).
 */
import { parseArgs } from 'node:util';
import type { Logger } from 'pino';
import type { Config } from '../config';
import { openDatabase } from '../db/database';
import { type DutyState, diffStates, type StateChange, type StateDiff } from '../ingest/duty-state';
import { removeSpace } from '../ingest/html-text';
import { IngestError } from '../ingest/ingest-error';
import { RequestSql } from '../modules/common/request-sql';
import { isWellFormedId } from '../modules/common/stable-id';
import type { Town } from '../modules/town/town.entity';
import { TownRepository } from '../modules/town/town.repository';
import { VersionRepository } from '../modules/version/version.repository';
import { ItemChange, ItemState } from '../modules/version/version.types';
import { compareStates } from '../modules/version/version-diff';

type Output = 'text' | 'json';

/** Runs one of the three with the database open; a usage mistake is exit 2, an unknown town 1. */
export async function versionCommand(
  command: 'history' | 'diff' | 'compare',
  args: string[],
  config: Readonly<Config>,
  logger: Logger,
  usage: string,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    options: { format: { type: 'string', default: 'text' } },
    allowPositionals: true,
  });
  const wanted = { history: 1, diff: 3, compare: 2 }[command];
  const format = values.format as Output;
  const numbers = command === 'diff' ? positionals.slice(1).map(Number) : [];
  if (
    positionals.length !== wanted ||
    !['text', 'json'].includes(format) ||
    numbers.some((n) => !Number.isInteger(n) || n < 1)
  ) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const database = await openDatabase(config, logger);
  try {
    const request = new RequestSql(database.orm.em);
    const towns = await Promise.all(positionals.slice(0, command === 'compare' ? 2 : 1).map((t) => townOf(request, t)));
    const versions = new VersionRepository(request);
    if (command === 'history') process.stdout.write(await history(versions, towns[0], format));
    else if (command === 'diff') process.stdout.write(await diff(versions, towns[0], numbers[0], numbers[1], format));
    else process.stdout.write(await compare(versions, towns[0], towns[1], format));
    return 0;
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    process.stderr.write(`error: ${error.reason}\n`);
    return 1;
  } finally {
    await database.close();
  }
}

/** A town by id or name (托里镇, 托里县托里镇, 塔城地区托里县托里镇), as the API's `town` finds it. */
async function townOf(request: RequestSql, key: string): Promise<Town> {
  const towns = new TownRepository(request);
  const found = isWellFormedId(key) ? await towns.byIds([key.toLowerCase()]) : await towns.byName(removeSpace(key));
  if (found.length === 0) throw new IngestError(key, undefined, `no town is named ${key}`);
  if (found.length > 1) throw new IngestError(key, undefined, `${key} names more than one town; add its county`);
  return found[0];
}

const fullName = (town: Town) => `${town.prefecture}${town.county}${town.name}`;

async function history(versions: VersionRepository, town: Town, format: Output): Promise<string> {
  const list = await versions.byTowns([town.id]);
  if (format === 'json') {
    return `${JSON.stringify(
      list.map(
        ({ town: _, digest: __, basic: ___, cooperative: ____, reclaimed: _____, links: ______, ...version }) =>
          version,
      ),
      null,
      2,
    )}\n`;
  }
  const lines = [`${fullName(town)}: ${list.length} version${list.length === 1 ? '' : 's'}`];
  for (const version of list) {
    lines.push(
      `  version ${version.number}${version.current ? ' (current)' : ''}  imported ${version.importedAt.toISOString()}  effective ${version.effectiveDate ?? 'not stated'}`,
      `    items    basic ${version.basic}  cooperative ${version.cooperative}  reclaimed ${version.reclaimed}  links ${version.links}`,
      `    changes  added ${version.added}  removed ${version.removed}  changed ${version.changed}`,
      `    sources  ${version.sources.map((source) => `${source.name} (${source.format}, ${source.bytes} bytes)`).join(', ') || 'none recorded'}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function diff(
  versions: VersionRepository,
  town: Town,
  from: number,
  to: number,
  format: Output,
): Promise<string> {
  const list = await versions.byTowns([town.id]);
  const ids = [from, to].map((number) => {
    const found = list.find((version) => version.number === number);
    if (!found)
      throw new IngestError(town.name, undefined, `${fullName(town)} has no version ${number} (it has ${list.length})`);
    return found.id;
  });
  const states = await versions.statesOfVersions(ids);
  const changes = diffStates(states.get(ids[0]) ?? [], states.get(ids[1]) ?? []);
  if (format === 'json') return `${JSON.stringify(changesJson(changes), null, 2)}\n`;
  const lines = [
    `${fullName(town)}: version ${from} → ${to}: ${changes.added.length} added, ${changes.removed.length} removed, ${changes.changed.length} changed`,
  ];
  const section = (title: string, entries: StateChange[], line: (change: StateChange) => string[]) => {
    if (entries.length === 0) return;
    lines.push(title);
    for (const change of entries) lines.push(...line(change));
  };
  section('added', changes.added, (change) => [`  + ${duty(change.after as DutyState)}`]);
  section('removed', changes.removed, (change) => [`  - ${duty(change.before as DutyState)}`]);
  section('changed', changes.changed, changedLines);
  return `${lines.join('\n')}\n`;
}

function changesJson(changes: StateDiff) {
  return {
    added: changes.added.map(ItemChange.of),
    removed: changes.removed.map(ItemChange.of),
    changed: changes.changed.map(ItemChange.of),
  };
}

/** `BASIC 5 名称`. */
function duty(state: DutyState): string {
  return `${state.kind} ${state.number} ${state.name}`;
}

/** A changed duty: its place and name, then each field that changed, as it was and as it is. */
function changedLines(change: StateChange): string[] {
  const before = ItemState.of(change.before) as ItemState;
  const after = ItemState.of(change.after) as ItemState;
  const number = before.number === after.number ? `${after.number}` : `${before.number} → ${after.number}`;
  const lines = [`  ~ ${change.kind} ${number} ${after.name}  (${change.fields.join(', ')})`];
  const shown: Record<string, (state: ItemState) => string> = {
    name: (state) => state.name,
    category: (state) => state.category,
    departments: (state) => state.departments.join('、') || '(none)',
    workingMethod: (state) => state.workingMethod ?? '(none)',
    discontinued: (state) => String(state.discontinued),
  };
  for (const field of change.fields) {
    const show = shown[field];
    if (show) lines.push(`      ${field}: ${show(before)} → ${show(after)}`);
  }
  return lines;
}

async function compare(versions: VersionRepository, a: Town, b: Town, format: Output): Promise<string> {
  const states = await versions.currentStates([a.id, b.id]);
  const comparison = compareStates(states.get(a.id) ?? [], states.get(b.id) ?? []);
  if (format === 'json') {
    return `${JSON.stringify(
      {
        a: fullName(a),
        b: fullName(b),
        onlyA: comparison.onlyA.map(ItemState.of),
        onlyB: comparison.onlyB.map(ItemState.of),
        both: comparison.both.map((pair) => ({
          a: ItemState.of(pair.a),
          b: ItemState.of(pair.b),
          fields: pair.fields,
        })),
      },
      null,
      2,
    )}\n`;
  }
  const differing = comparison.both.filter((pair) => pair.fields.length > 0);
  const lines = [
    `${fullName(a)} and ${fullName(b)}: ${comparison.both.length} in both (${differing.length} differ), ${comparison.onlyA.length} only in ${a.name}, ${comparison.onlyB.length} only in ${b.name}`,
  ];
  if (comparison.onlyA.length > 0) lines.push(`only in ${a.name}`, ...comparison.onlyA.map((s) => `  ${duty(s)}`));
  if (comparison.onlyB.length > 0) lines.push(`only in ${b.name}`, ...comparison.onlyB.map((s) => `  ${duty(s)}`));
  if (differing.length > 0) {
    lines.push(
      'differ',
      ...differing.map(
        (pair) => `  ${pair.a.kind} ${pair.a.number} / ${pair.b.number} ${pair.a.name}  (${pair.fields.join(', ')})`,
      ),
    );
  }
  return `${lines.join('\n')}\n`;
}
