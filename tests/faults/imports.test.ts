/**
 * Imports under faults: a process killed midway leaves every town either whole or as it was, and a
 * re-run completes; two imports of one town at once are serialised and both reported.
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
import { normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';
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

describe('an import killed with SIGKILL', () => {
  it('leaves each town whole or untouched, and a re-run completes', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'dutyhub-kill-'));
    const expected = new Map<string, number>([['托里镇', 255]]);
    for (const document of generateTowns(seedText, { towns: 40 })) {
      await writeFile(path.join(dir, document.fileName), document.text);
      const parsed = normalizeDocument(parseDocument(document.text, document.fileName));
      expected.set(parsed.town.name, parsed.items.length);
    }
    const run = () =>
      spawn(
        process.execPath,
        ['-r', 'ts-node/register/transpile-only', 'src/cli.ts', 'import', '--concurrency', '2', dir],
        {
          cwd: root,
          env: { ...process.env, DATABASE_URL: database.url, TS_NODE_SWC: 'true', LOG_LEVEL: 'info' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );

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
