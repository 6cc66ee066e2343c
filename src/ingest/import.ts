/**
 * Writes one normalised document in one transaction: upserts on natural keys (the ids derive from
 * them), removes what the document no longer has for that town, and reports every change. A dry
 * run does the same work and rolls it back, so its report is exactly what a real import would do.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { bumpDatasetGeneration } from '../cache/dataset-generation';
import { keepCountsOf } from '../modules/aggregates/keep-counts';
import { Category } from '../modules/category/category.entity';
import { Department } from '../modules/department/department.entity';
import { Item } from '../modules/item/item.entity';
import { Link } from '../modules/link/link.entity';
import { Town } from '../modules/town/town.entity';
import type { ImportWarning, NormalizedDocument } from './normalize';
import { bigramCodes, bigramOfCode } from './search-text';

export interface ChangeCounts {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
}

export interface ImportReport {
  file: string;
  town: { id: string; name: string; county: string; prefecture: string };
  dryRun: boolean;
  changes: Record<'towns' | 'categories' | 'departments' | 'items' | 'links', ChangeCounts>;
  warnings: ImportWarning[];
}

/** Rolls a dry run back after its report is complete. */
class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

const BATCH = 1000;

export async function importDocument(
  knex: Knex,
  document: NormalizedDocument,
  options: { dryRun?: boolean } = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  try {
    return await knex.transaction(async (trx) => {
      const report = await write(trx, document, dryRun);
      if (dryRun) throw new DryRunRollback(report);
      // Response caches of every hub drop answers of the older data once this commits.
      if (changedAnything(report)) await bumpDatasetGeneration(trx);
      return report;
    });
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    throw error;
  }
}

/**
 * Removes every row imports write (towns, items, links, departments, categories and the counts
 * kept from them): a dataset prepared afresh (tests, benchmarks). The totals hold no town's key,
 * so cascading from the towns would not reach them: every table is named.
 */
export async function emptyDataset(knex: Knex): Promise<void> {
  await knex.raw(
    `truncate item_count, department_item_count, item_total, department_item_total, department_pair_total,
      search_bigram_total, search_bigram_change, link, item, department, category, town`,
  );
}

function changedAnything(report: ImportReport): boolean {
  return Object.values(report.changes).some(changed);
}

async function write(trx: Knex.Transaction, document: NormalizedDocument, dryRun: boolean): Promise<ImportReport> {
  const { town } = document;
  const townId = Town.idFor(town.prefecture, town.county, town.name);
  // Imports of one town run one after the other; other towns import alongside.
  await trx.raw('select pg_advisory_xact_lock(hashtext(?)) /* importTownLock */', [`dutyhub:import:${townId}`]);

  const towns = await upsertTown(trx, townId, document);
  const categories = await insertMissing(
    trx,
    'category',
    sortById(document.categories.map((name) => ({ id: Category.idFor(name), name }))),
  );
  const departments = await upsertDepartments(trx, document);
  // Ids are hashes of natural keys: each is computed once per document.
  const itemIds = document.items.map((item) => Item.idFor(townId, item.kind, item.number));
  const departmentIds = new Map(document.departments.map((d) => [d.name, Department.idFor(d.name)]));
  const categoryIds = new Map(document.categories.map((name) => [name, Category.idFor(name)]));
  const itemBigrams = document.items.map((item) => bigramCodes(item.searchText));
  const itemRows = document.items.map((item, i) => ({
    id: itemIds[i],
    town_id: townId,
    town_key: Town.sortKey(town),
    kind: item.kind,
    number: item.number,
    name: item.name,
    category_id: categoryIds.get(item.category) ?? Category.idFor(item.category),
    town_responsibilities: item.townResponsibilities,
    working_method: item.workingMethod,
    discontinued: item.discontinued,
    source_file: document.file,
    source_line: item.sourceLine,
    source_cells: item.sourceCells,
    search_text: item.searchText,
    // Sent as one string, split by the server: pg escapes each element of an array parameter,
    // and an item has hundreds of bigrams. No bigram holds a space.
    search_bigrams: trx.raw("string_to_array(?, ' ')", [itemBigrams[i].map(bigramOfCode).join(' ')]),
  }));
  // Derived from search_text, which is compared: no need to read them back.
  const items = await syncRows(trx, 'item', trx('item').where('town_id', townId), itemRows, ['search_bigrams']);
  const linkRows = document.items.flatMap((item, i) =>
    item.links.map((link, position) => {
      const departmentId = departmentIds.get(link.department) ?? Department.idFor(link.department);
      return {
        id: Link.idFor(itemIds[i], departmentId),
        item_id: itemIds[i],
        department_id: departmentId,
        relation: link.relation,
        position,
        responsibilities: link.responsibilities,
      };
    }),
  );
  const links = await syncRows(
    trx,
    'link',
    trx('link').whereIn('item_id', trx('item').select('id').where('town_id', townId)),
    linkRows,
  );
  // Links before items: removing an item would take its links with it (on delete cascade) unseen
  // by the link comparison, so they would be missing from the report.
  await links.removeGone();
  await items.removeGone();
  // Departments and categories belong to no town: they go when no town's items use them any more.
  // Only those this town used before can have lost their last user.
  departments.removed = await removeOrphans(trx, 'department', 'link', 'department_id', links.before);
  categories.removed = await removeOrphans(trx, 'category', 'item', 'category_id', items.before);
  await keepCountsOf(trx, {
    townId,
    before: { items: items.before, links: links.before },
    after: { items: itemRows, links: linkRows },
    written: items.written,
    gone: items.gone,
    bigramsById: new Map(itemIds.map((id, i) => [id, itemBigrams[i]])),
    changed: changed(items.changes) || changed(links.changes),
  });

  return {
    file: document.file,
    town: { id: townId, ...town },
    dryRun,
    changes: { towns, categories, departments, items: items.changes, links: links.changes },
    warnings: document.warnings,
  };
}

async function upsertTown(trx: Knex.Transaction, id: string, document: NormalizedDocument): Promise<ChangeCounts> {
  const inserted = await trx('town')
    .insert({ id, ...document.town })
    .onConflict('id')
    .ignore()
    .returning('id');
  return counts({ created: inserted.length, unchanged: 1 - inserted.length });
}

async function insertMissing(
  trx: Knex.Transaction,
  table: string,
  rows: { id: string; name: string }[],
): Promise<ChangeCounts> {
  let created = 0;
  for (const batch of chunks(rows)) {
    // No conflict target: every unique constraint (the id's and the name's) is settled, also when a
    // concurrent import of another town inserts the same row.
    created += (await trx(table).insert(batch).onConflict().ignore().returning('id')).length;
  }
  return counts({ created, unchanged: rows.length - created });
}

/** Departments are shared by towns: a document adds aliases to what others said, never takes one away. */
async function upsertDepartments(trx: Knex.Transaction, document: NormalizedDocument): Promise<ChangeCounts> {
  const wanted = document.departments.map((department) => ({
    id: Department.idFor(department.name),
    name: department.name,
    aliases: [...department.aliases].sort(),
  }));
  const existing = new Map<string, string[]>();
  for (const batch of chunks(wanted)) {
    const rows: { id: string; aliases: string[] }[] = await trx('department')
      .select('id', 'aliases')
      .whereIn(
        'id',
        batch.map((row) => row.id),
      );
    for (const row of rows) existing.set(row.id, row.aliases);
  }
  const changes = counts({});
  const toWrite = [];
  for (const department of wanted) {
    const known = existing.get(department.id);
    if (!known) {
      changes.created++;
      toWrite.push(department);
    } else {
      const aliases = [...new Set([...known, ...department.aliases])].sort();
      if (aliases.length === known.length) changes.unchanged++;
      else {
        changes.updated++;
        toWrite.push({ ...department, aliases });
      }
    }
  }
  for (const batch of chunks(sortById(toWrite))) {
    // Merged in SQL, so that aliases a concurrent import of another town adds are kept too.
    await trx('department')
      .insert(batch)
      .onConflict('id')
      .merge({
        aliases: trx.raw(
          'array(select a from (select distinct unnest(department.aliases || excluded.aliases) as a) x order by a collate "C")',
        ),
      });
  }
  return changes;
}

/** What `syncRows` did: the rows it wrote (created or changed) and the ids it removes. */
interface Synced<Row> {
  changes: ChangeCounts;
  removeGone: () => Promise<void>;
  /** The rows as they were, in the compared columns. */
  before: Record<string, unknown>[];
  written: Row[];
  gone: string[];
}

/**
 * Makes the rows selected by `current` equal to `wanted`: inserts the new ones, updates the changed
 * ones, and `removeGone` deletes the ones `wanted` lacks. Compares whole rows but for `derived`
 * columns (functions of compared ones), so an unchanged document writes nothing.
 */
async function syncRows<Row extends { id: string }>(
  trx: Knex.Transaction,
  table: string,
  current: Knex.QueryBuilder,
  wanted: Row[],
  derived: (keyof Row & string)[] = [],
): Promise<Synced<Row>> {
  const columns = Object.keys(wanted[0] ?? { id: '' }).filter(
    (column) => !derived.includes(column as keyof Row & string),
  );
  const existing = new Map<string, string>();
  const before: Record<string, unknown>[] = await current.select(columns);
  for (const row of before) existing.set(row.id as string, rowKey(row, columns));

  const changes = counts({});
  const toWrite: Row[] = [];
  for (const row of wanted) {
    const before = existing.get(row.id);
    existing.delete(row.id);
    if (before === undefined) changes.created++;
    else if (before !== rowKey(row, columns)) changes.updated++;
    else {
      changes.unchanged++;
      continue;
    }
    toWrite.push(row);
  }
  for (const batch of chunks(toWrite)) {
    await trx(table).insert(batch).onConflict('id').merge();
  }
  const gone = [...existing.keys()];
  changes.removed = gone.length;
  const removeGone = async () => {
    for (const batch of chunks(gone)) {
      await trx(table).whereIn('id', batch).delete();
    }
  };
  return { changes, removeGone, before, written: toWrite, gone };
}

function changed(change: ChangeCounts): boolean {
  return change.created + change.updated + change.removed > 0;
}

async function removeOrphans(
  trx: Knex.Transaction,
  table: string,
  user: string,
  column: string,
  previousUsers: Record<string, unknown>[],
): Promise<number> {
  const candidates = [...new Set(previousUsers.map((row) => row[column] as string))];
  if (candidates.length === 0) return 0;
  const removed = await trx(table)
    .whereIn('id', candidates)
    .whereNotExists(trx(user).select(trx.raw('1')).whereRaw('??.?? = ??.id', [user, column, table]))
    .delete()
    .returning('id');
  return removed.length;
}

function rowKey(row: Record<string, unknown>, columns: string[]): string {
  return JSON.stringify(columns.map((column) => row[column] ?? null));
}

function counts(partial: Partial<ChangeCounts>): ChangeCounts {
  return { created: 0, updated: 0, removed: 0, unchanged: 0, ...partial };
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
}

/**
 * Shared rows (categories, departments) are written in id order, so that concurrent imports of
 * towns of one county lock them in the same order and wait for each other instead of deadlocking.
 */
function sortById<Row extends { id: string }>(rows: Row[]): Row[] {
  return [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
