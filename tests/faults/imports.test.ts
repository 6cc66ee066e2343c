/**
 * Imports under faults: a process killed midway leaves every town either whole or as it was, and a
 * re-run completes, for first imports and for revisions (each town at its old version or its new
 * one, kept counts equal to a recount); a revision failing inside its transaction leaves the town
 * at its old version; two imports of one town at once are serialised and both reported.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { generateTowns } from '../../src/ingest/generate';
import { importDocument } from '../../src/ingest/import';
import { documentsIn, importFiles } from '../../src/ingest/import-files';
import { normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';
import { expectCountsKeptAhead } from '../import/helpers';
import { useDatabase } from '../support/test-database';

const root = path.join(__dirname, '..', '..');
const seedFile = path.join(root, 'seeds', '000_6f0578919a8dbf5e.txt');
const seedText = readFileSync(seedFile, 'utf8');

const database = useDatabase();
let knex: Knex;
beforeAll(() => {
  knex = database.orm.em.getKnex();
});

async function itemsPerTown(): Promise<Map<string, number>> {
  const { rows } = await knex.raw(
    'select t.name, count(i.id)::int as items from town t left join item i on i.town_id = t.id group by t.name',
  );
  return new Map(rows.map((row: { name: string; items: number }) => [row.name, row.items]));
}

/** `import --concurrency 2 dir` in a process of its own, its log on stderr. */
function importProcess(url: string, dir: string) {
  return spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'import', '--concurrency', '2', dir],
    {
      cwd: root,
      env: { ...process.env, DATABASE_URL: url, TS_NODE_SWC: 'true', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
}

describe('an import killed with SIGKILL', () => {
  it('leaves each town whole or untouched, and a re-run completes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-kill-'));
    const expected = new Map<string, number>([['托里镇', 255]]);
    for (const document of generateTowns(seedText, { towns: 40 })) {
      await writeFile(path.join(dir, document.fileName), document.text);
      const parsed = normalizeDocument(parseDocument(document.text, document.fileName));
      expected.set(parsed.town.name, parsed.items.length);
    }
    const run = () => importProcess(database.url, dir);

    const victim = run();
    let victimLog = '';
    victim.stderr?.on('data', (chunk: Buffer) => {
      victimLog += chunk.toString();
    });
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    // Killed as soon as a town beyond the seed is in: mid-import, whatever document it is writing.
    // (Not on a progress line: 40 towns can import within the 2 s between two of them.)
    const towns = async () => (await knex('town').count<{ count: string }[]>('* as count'))[0].count;
    while (victim.exitCode === null && Number(await towns()) < 2) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    // Still importing when killed: an import that ended on its own says why here.
    expect([victim.exitCode, victim.exitCode === null ? '' : victimLog]).toEqual([null, '']);
    victim.kill('SIGKILL');
    await exited;

    const afterKill = await itemsPerTown();
    expect(afterKill.get('托里镇')).toBe(255);
    expect(afterKill.size).toBeGreaterThan(1);
    expect(afterKill.size).toBeLessThan(expected.size);
    for (const [town, items] of afterKill) expect([town, items]).toEqual([town, expected.get(town)]);

    const again = run();
    const code = await new Promise((resolve) => again.once('exit', resolve));
    expect(code).toBe(0);
    expect(await itemsPerTown()).toEqual(expected);
  });
});

describe('two imports of one town at once', () => {
  it('run one after the other, and each report says what it changed', async () => {
    const corrected = seedText.replace('开展党内集中教育', '开展党内集中教育（修订）');
    const [original, revised] = [seedText, corrected].map((text) => normalizeDocument(parseDocument(text, seedFile)));
    await importDocument(knex, original);
    const reports = await Promise.all([importDocument(knex, revised), importDocument(knex, original)]);
    // Whichever ran second undid the other's change to BASIC 1: one update each, nothing else.
    expect(reports.map((report) => report.changes.items)).toEqual([
      { created: 0, updated: 1, removed: 0, unchanged: 254 },
      { created: 0, updated: 1, removed: 0, unchanged: 254 },
    ]);
    const { rows } = await knex.raw("select name from item where kind = 'BASIC' and number = 1");
    expect([original.items[0].name, revised.items[0].name]).toContain(rows[0].name);
  });
});

/** Each town's item names in list order and its latest version's number. */
async function townStates(knex: Knex): Promise<Map<string, { names: string[]; version: number }>> {
  const { rows } = await knex.raw(
    `select t.name, array_agg(i.name order by i.kind, i.number) as names,
       (select max(v.number) from town_version v where v.town_id = t.id)::int as version
     from town t join item i on i.town_id = t.id group by t.id, t.name`,
  );
  return new Map(rows.map((row: { name: string; names: string[]; version: number }) => [row.name, row]));
}

/** A revision of a generated town's document: every duty named 开展… renamed, none removed. */
const revise = (text: string) => text.replaceAll('\t开展', '\t组织开展');

describe('a revision killed with SIGKILL', () => {
  const revisionDatabase = useDatabase();

  it('leaves each town at its old version or its new one, and a re-run completes', async () => {
    const knex = revisionDatabase.orm.em.getKnex();
    const [first, second] = [
      await mkdtemp(path.join(tmpdir(), 'dutyhub-v1-')),
      await mkdtemp(path.join(tmpdir(), 'dutyhub-v2-')),
    ];
    const names = new Map<string, [string[], string[]]>();
    for (const document of generateTowns(seedText, { towns: 40 })) {
      await writeFile(path.join(first, document.fileName), document.text);
      await writeFile(path.join(second, document.fileName), revise(document.text));
      const [old, revised] = [document.text, revise(document.text)].map((text) =>
        normalizeDocument(parseDocument(text, document.fileName)),
      );
      const order = (items: typeof old.items) =>
        [...items].sort((a, b) => a.kind.localeCompare(b.kind) || a.number - b.number).map((item) => item.name);
      names.set(old.town.name, [order(old.items), order(revised.items)]);
    }
    await importFiles(knex, await documentsIn(first));
    const renamed = [...names.values()].reduce(
      (sum, [old, revised]) => sum + old.filter((n, i) => n !== revised[i]).length,
      0,
    );
    expect(renamed).toBeGreaterThan(40);

    const victim = importProcess(revisionDatabase.url, second);
    let victimLog = '';
    victim.stderr?.on('data', (chunk: Buffer) => {
      victimLog += chunk.toString();
    });
    const exited = new Promise((resolve) => victim.once('exit', resolve));
    // Killed once two revisions are in (41 towns had version 1): mid-import.
    const versions = async () => Number((await knex('town_version').count<{ count: string }[]>('* as count'))[0].count);
    while (victim.exitCode === null && (await versions()) < 43) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect([victim.exitCode, victim.exitCode === null ? '' : victimLog]).toEqual([null, '']);
    victim.kill('SIGKILL');
    await exited;

    const afterKill = await townStates(knex);
    const revisedTowns = [...afterKill.values()].filter((town) => town.version === 2).length;
    expect(revisedTowns).toBeGreaterThanOrEqual(2);
    expect(revisedTowns).toBeLessThan(40);
    for (const [town, [old, revised]] of names) {
      const state = afterKill.get(town);
      expect([town, state?.names]).toEqual([town, state?.version === 2 ? revised : old]);
    }
    const totals = async () => ({
      items: Number((await knex('item').count<{ count: string }[]>('* as count'))[0].count),
      links: Number((await knex('link').count<{ count: string }[]>('* as count'))[0].count),
    });
    await expectCountsKeptAhead(knex, await totals());

    const again = importProcess(revisionDatabase.url, second);
    expect(await new Promise((resolve) => again.once('exit', resolve))).toBe(0);
    const afterRerun = await townStates(knex);
    for (const [town, [, revised]] of names)
      expect([town, afterRerun.get(town)]).toEqual([town, { name: town, names: revised, version: 2 }]);
    await expectCountsKeptAhead(knex, await totals());
    // Every renamed duty's earlier state is kept: version 1 stays answerable.
    const { rows } = await knex.raw('select count(*)::int as count from item_history');
    expect(rows[0].count).toBe(renamed);
  });
});

describe('a revision failing inside its transaction', () => {
  const failingDatabase = useDatabase();

  it('leaves the town at its old version, kept counts and history untouched', async () => {
    const knex = failingDatabase.orm.em.getKnex();
    const before = await townStates(knex);
    // A fault after the history, the items and the links are written: the version row cannot be.
    await knex.raw(`create function refuse_history() returns trigger language plpgsql as $$
      begin raise exception 'disk full (a fault of the test)'; end $$`);
    await knex.raw('create trigger refuse_version before insert on town_version execute function refuse_history()');
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'dutyhub-fail-')), 'revised.txt');
    await writeFile(file, revise(seedText));
    await expect(importFiles(knex, [file])).rejects.toThrow('disk full (a fault of the test)');

    expect(await townStates(knex)).toEqual(before);
    expect(before.get('托里镇')?.version).toBe(1);
    await expectCountsKeptAhead(knex, { items: 255, links: 217 });
    const { rows } = await knex.raw(
      'select (select count(*) from item_history)::int as items, (select count(*) from link_history)::int as links',
    );
    expect(rows[0]).toEqual({ items: 0, links: 0 });

    await knex.raw('drop trigger refuse_version on town_version');
    await importFiles(knex, [file]);
    expect((await townStates(knex)).get('托里镇')?.version).toBe(2);
  });
});
