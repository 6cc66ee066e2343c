/**
 * Writes one normalised document in one transaction as the town's next version: matches its duties
 * to the current ones (duty-state.ts: a continuing duty keeps its id), keeps the states it ends in
 * history, writes what changed, removes what the document no longer has, and reports every change.
 * A document of the current version's content writes nothing and makes no version. A dry
 * run does the same work and rolls it back, so its report is exactly what a real import would do.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { bumpDatasetGeneration } from '../cache/dataset-generation';
import { keepCountsOf } from '../modules/aggregates/keep-counts';
import { Category } from '../modules/category/category.entity';
import { ItemKind } from '../modules/common/enums';
import { stableId } from '../modules/common/stable-id';
import { Department } from '../modules/department/department.entity';
import { Item } from '../modules/item/item.entity';
import { Link } from '../modules/link/link.entity';
import { Town } from '../modules/town/town.entity';
import { type DocumentFormat, TownVersion } from '../modules/version/town-version.entity';
import { ITEM_STATE_COLUMNS } from '../modules/version/version-items';
import { contentDigest, continuedIds, type DutyState, diffStates, type LinkState, type StateDiff } from './duty-state';
import { IngestError } from './ingest-error';
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

/** A file a version came from, as town_version.sources holds it. */
export interface DocumentSourceValue {
  name: string;
  format: DocumentFormat;
  sha256: string;
  bytes: number;
}

export interface ImportOptions {
  dryRun?: boolean;
  /** Accept a document that removes more than a tenth of the town's items or a whole list. */
  allowRemovals?: boolean;
  /** 施行/发布 date of the version (YYYY-MM-DD), if known. */
  effectiveDate?: string | null;
  /** The files the document was read from (import-files.ts). */
  sources?: DocumentSourceValue[];
}

/** What `write` did: its report, and whether it made a version row. */
interface Written {
  report: ImportReport;
  versioned: boolean;
}

export async function importDocument(
  knex: Knex,
  document: NormalizedDocument,
  options: ImportOptions = {},
): Promise<ImportReport> {
  const dryRun = options.dryRun ?? false;
  try {
    return await knex.transaction(async (trx) => {
      const { report, versioned } = await write(trx, document, options);
      if (dryRun) throw new DryRunRollback(report);
      // Response caches of every hub drop answers of the older data once this commits.
      if (versioned || changedAnything(report)) await bumpDatasetGeneration(trx);
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
    `truncate town_version, item_history, link_history, item_count, department_item_count, item_total, department_item_total, department_pair_total,
      search_bigram_total, search_bigram_change, link, item, department, category, town`,
  );
}

function changedAnything(report: ImportReport): boolean {
  return Object.values(report.changes).some(changed);
}

async function write(trx: Knex.Transaction, document: NormalizedDocument, options: ImportOptions): Promise<Written> {
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
  const departmentIds = new Map(document.departments.map((d) => [d.name, Department.idFor(d.name)]));
  const categoryIds = new Map(document.categories.map((name) => [name, Category.idFor(name)]));
  const departmentOf = (name: string) => departmentIds.get(name) ?? Department.idFor(name);

  const current = await readCurrent(trx, townId);
  const latest = await latestVersion(trx, townId);
  // A town imported before versions existed has items and no version: they become version 1.
  const legacy = !latest && current.items.length > 0;
  const number = (latest?.number ?? 0) + (legacy ? 2 : 1);
  const ids = await itemIds(trx, townId, document, current, number);
  const states = document.items.map(
    (item, i): DutyState => ({
      id: ids[i],
      kind: item.kind,
      number: item.number,
      name: item.name,
      category: categoryIds.get(item.category) ?? Category.idFor(item.category),
      townResponsibilities: item.townResponsibilities,
      workingMethod: item.workingMethod,
      discontinued: item.discontinued,
      links: item.links.map((link) => ({
        department: departmentOf(link.department),
        relation: link.relation,
        responsibilities: link.responsibilities,
      })),
    }),
  );
  const digest = contentDigest(states);
  const currentDigest = latest?.digest ?? contentDigest(current.states);
  const unchangedReport = (): ImportReport => ({
    file: document.file,
    town: { id: townId, ...town },
    dryRun: options.dryRun ?? false,
    changes: {
      towns,
      categories,
      departments,
      items: counts({ unchanged: current.items.length }),
      links: counts({ unchanged: current.links.length }),
    },
    warnings: document.warnings,
  });
  const version = (n: number, content: readonly DutyState[], diff: StateDiff | null, sources: DocumentSourceValue[]) =>
    insertVersion(trx, townId, n, content, diff, { ...options, sources }, digestOf(content, digest, currentDigest));
  if (current.items.length > 0 && digest === currentDigest) {
    // The same duties, whatever the file's name or format: no version, and not a row written
    // (provenance is no content). Only a town without its version row gets it, from this document.
    if (legacy) await version(1, current.states, null, options.sources ?? []);
    return { report: unchangedReport(), versioned: legacy };
  }

  const diff = diffStates(current.states, states);
  if (!options.allowRemovals) refuseLosses(document, current.states, states, diff);
  if (legacy) await version(1, current.states, null, []);

  const townKey = Town.sortKey(town);
  const itemBigrams = document.items.map((item) => bigramCodes(item.searchText));
  const changedIds = new Set(diff.changed.map((change) => change.itemId));
  const addedIds = new Set(diff.added.map((change) => change.itemId));
  const validFrom = new Map(current.items.map((row) => [row.id as string, row.valid_from as number]));
  const itemRows = document.items.map((item, i) => ({
    id: ids[i],
    town_id: townId,
    town_key: townKey,
    kind: item.kind,
    number: item.number,
    name: item.name,
    category_id: states[i].category,
    town_responsibilities: item.townResponsibilities,
    working_method: item.workingMethod,
    discontinued: item.discontinued,
    source_file: document.file,
    source_line: item.sourceLine,
    source_cells: item.sourceCells,
    search_text: item.searchText,
    valid_from: changedIds.has(ids[i]) || addedIds.has(ids[i]) ? number : (validFrom.get(ids[i]) ?? number),
    // Sent as one string, split by the server: pg escapes each element of an array parameter,
    // and an item has hundreds of bigrams. No bigram holds a space.
    search_bigrams: trx.raw("string_to_array(?, ' ')", [itemBigrams[i].map(bigramOfCode).join(' ')]),
  }));
  const linkRows = document.items.flatMap((item, i) =>
    item.links.map((link, position) => {
      const departmentId = departmentOf(link.department);
      return {
        id: Link.idFor(ids[i], departmentId),
        item_id: ids[i],
        department_id: departmentId,
        relation: link.relation,
        position,
        responsibilities: link.responsibilities,
      };
    }),
  );
  const links = compareRows(current.links, linkRows);
  const gone = diff.removed.map((change) => change.itemId);
  const writtenItems = itemRows.filter((row) => changedIds.has(row.id) || addedIds.has(row.id));

  // The states this version ends go to history first, as they were; then the removed rows go
  // (links before items: the report counted them), renumbered duties leave their numbers free
  // (a list's numbers are unique), and the new states are written.
  await keepHistory(trx, [...changedIds, ...gone], number);
  await removeIds(trx, 'link', links.gone);
  await removeIds(trx, 'item', gone);
  const renumbered = diff.changed.filter((change) => change.fields.includes('number')).map((change) => change.itemId);
  if (renumbered.length > 0) {
    await trx('item')
      .whereIn('id', renumbered)
      .update({ number: trx.raw('-number') });
  }
  await upsert(trx, 'item', writtenItems);
  await upsert(trx, 'link', links.written);
  await version(number, states, diff, options.sources ?? []);

  // Departments and categories belong to no town: they go when no town's items use them any more,
  // now or in a version kept (history.entity.ts). Only those this town used before can have lost
  // their last user.
  departments.removed = await removeOrphans(
    trx,
    'department',
    ['link', 'link_history'],
    'department_id',
    current.links,
  );
  categories.removed = await removeOrphans(trx, 'category', ['item', 'item_history'], 'category_id', current.items);
  await keepCountsOf(trx, {
    townId,
    before: { items: current.items, links: current.links },
    after: { items: itemRows, links: linkRows },
    written: writtenItems,
    gone,
    bigramsById: new Map(ids.map((id, i) => [id, itemBigrams[i]])),
    changed: true,
  });

  const itemChanges = counts({
    created: diff.added.length,
    updated: diff.changed.length,
    removed: diff.removed.length,
    unchanged: document.items.length - diff.added.length - diff.changed.length,
  });
  return {
    report: {
      file: document.file,
      town: { id: townId, ...town },
      dryRun: options.dryRun ?? false,
      changes: { towns, categories, departments, items: itemChanges, links: links.changes },
      warnings: document.warnings,
    },
    versioned: true,
  };
}

/** A version's digest: the document's where the content is the document's, else the current rows'. */
function digestOf(content: readonly DutyState[], documentDigest: string, currentDigest: string): string {
  return content.length > 0 && contentDigest(content) === documentDigest ? documentDigest : currentDigest;
}

/** The town's current items (the compared columns, and what the counts need) and links, with their states. */
async function readCurrent(trx: Knex.Transaction, townId: string) {
  const items: Record<string, unknown>[] = await trx('item')
    .select(COMPARED_ITEM_COLUMNS)
    .where('town_id', townId)
    .orderBy(['kind', 'number']);
  const links: Record<string, unknown>[] = await trx('link')
    .select(LINK_COLUMNS.map((column) => `link.${column}`))
    .join('item', 'item.id', 'link.item_id')
    .where('item.town_id', townId)
    .orderBy(['link.item_id', 'link.position']);
  return { items, links, states: statesOf(items, links) };
}

const COMPARED_ITEM_COLUMNS = [
  'id',
  'kind',
  'number',
  'name',
  'category_id',
  'town_responsibilities',
  'working_method',
  'discontinued',
  'search_text',
  'valid_from',
];
const LINK_COLUMNS = ['id', 'item_id', 'department_id', 'relation', 'position', 'responsibilities'];

/** The states (duty-state.ts) of item rows and their link rows (in position order), by ids. */
export function statesOf(
  items: readonly Record<string, unknown>[],
  links: readonly Record<string, unknown>[],
): DutyState[] {
  const byItem = new Map<string, LinkState[]>();
  for (const link of links) {
    const list = byItem.get(link.item_id as string) ?? [];
    list.push({
      department: link.department_id as string,
      relation: link.relation as string,
      responsibilities: link.responsibilities as string[],
    });
    byItem.set(link.item_id as string, list);
  }
  return items.map((row) => ({
    id: row.id as string,
    kind: row.kind as ItemKind,
    number: row.number as number,
    name: row.name as string,
    category: row.category_id as string,
    townResponsibilities: row.town_responsibilities as string[],
    workingMethod: (row.working_method as string | null) ?? null,
    discontinued: row.discontinued as boolean,
    links: byItem.get(row.id as string) ?? [],
  }));
}

async function latestVersion(
  trx: Knex.Transaction,
  townId: string,
): Promise<{ number: number; digest: string } | undefined> {
  return trx('town_version').select('number', 'digest').where('town_id', townId).orderBy('number', 'desc').first();
}

/**
 * The id of each document item: the duty's it continues (duty-state.ts, continuedIds); for a new
 * duty its natural key's (Item.idFor) unless an item of the town ever had that id, now or in a
 * version kept, when it is the natural key's with the version's number, so that an id never names
 * two duties.
 */
async function itemIds(
  trx: Knex.Transaction,
  townId: string,
  document: NormalizedDocument,
  current: { items: Record<string, unknown>[] },
  version: number,
): Promise<string[]> {
  const continued = continuedIds(
    current.items.map((row) => ({
      id: row.id as string,
      kind: row.kind as ItemKind,
      number: row.number as number,
      name: row.name as string,
      searchText: row.search_text as string,
    })),
    document.items,
  );
  if (continued.every((id) => id !== null)) return continued as string[];
  const history: { id: string }[] = await trx('item_history').distinct('id').where('town_id', townId);
  const used = new Set([...current.items.map((row) => row.id as string), ...history.map((row) => row.id)]);
  return document.items.map((item, i) => {
    const natural = Item.idFor(townId, item.kind, item.number);
    return (
      continued[i] ??
      (used.has(natural) ? stableId('Item', townId, item.kind, item.number, `version ${version}`) : natural)
    );
  });
}

/** The largest share of a town's items one import may remove without --allow-removals. */
export const REMOVAL_GUARD_SHARE = 0.1;

/**
 * Refuses a document that would remove more than a tenth of the town's items, a whole list, or a
 * list's last rows (a list that now ends earlier, two or more duties after its new end gone): most often a
 * file cut short, at a row boundary, where the share alone would pass a few missing rows. Names the
 * count and a few of the items; nothing is written.
 */
function refuseLosses(document: NormalizedDocument, before: DutyState[], after: DutyState[], diff: StateDiff): void {
  const kindsAfter = new Set(after.map((state) => state.kind));
  const emptied = [...new Set(before.map((state) => state.kind))].filter((kind) => !kindsAfter.has(kind));
  const cut = cutLists(before, after, diff);
  const removed = diff.removed.length;
  if (removed <= before.length * REMOVAL_GUARD_SHARE && emptied.length === 0 && cut.length === 0) return;
  const names = diff.removed
    .slice(0, 3)
    .map((change) => `${change.kind} ${change.before?.number} ${change.before?.name}`)
    .join('; ');
  const lists =
    emptied.length > 0
      ? ` and the whole ${emptied.join(', ')} list`
      : cut.map(({ kind, end, endBefore }) => `, the ${kind} list ending at ${end} instead of ${endBefore}`).join('');
  throw new IngestError(
    document.file,
    undefined,
    `would remove ${removed} of the town's ${before.length} items${lists} (${names}${removed > 3 ? '; …' : ''}); nothing written: import with --allow-removals if the document means it`,
  );
}

/**
 * The fewest last rows of a list whose loss reads as a file cut short: one dropped last duty is a
 * correction as often as not (the seed's own corrections drop RECLAIMED 40), two or more gone
 * together from the end, with nothing continuing past them, are refused.
 */
export const CUT_SHORT_ROWS = 2;

/** The lists that end at a lower number than before with their last rows (CUT_SHORT_ROWS or more) removed. */
function cutLists(
  before: DutyState[],
  after: DutyState[],
  diff: StateDiff,
): { kind: ItemKind; end: number; endBefore: number }[] {
  const removed = new Set(diff.removed.map((change) => change.itemId));
  const lastNumber = (states: DutyState[], kind: ItemKind) =>
    Math.max(0, ...states.filter((state) => state.kind === kind).map((state) => state.number));
  return [...new Set(after.map((state) => state.kind))].flatMap((kind) => {
    const end = lastNumber(after, kind);
    const endBefore = lastNumber(before, kind);
    const tail = before.filter((state) => state.kind === kind && state.number > end);
    return tail.length >= CUT_SHORT_ROWS && tail.every((state) => removed.has(state.id))
      ? [{ kind, end, endBefore }]
      : [];
  });
}

/** Copies the current rows of `ids` and their links to history, valid until version `number`. */
async function keepHistory(trx: Knex.Transaction, ids: string[], number: number): Promise<void> {
  for (const batch of chunks(ids)) {
    await trx.raw(
      `insert into item_history (${ITEM_STATE_COLUMNS}, valid_to)
        select ${ITEM_STATE_COLUMNS}, ? from item where id = any(?::uuid[]) /* keepItemHistory */`,
      [number, batch],
    );
    await trx.raw(
      `insert into link_history (id, valid_from, valid_to, item_id, town_id, department_id, relation, position, responsibilities)
        select l.id, i.valid_from, ?, l.item_id, i.town_id, l.department_id, l.relation, l.position, l.responsibilities
        from link l join item i on i.id = l.item_id where i.id = any(?::uuid[]) /* keepLinkHistory */`,
      [number, batch],
    );
  }
}

async function insertVersion(
  trx: Knex.Transaction,
  townId: string,
  number: number,
  content: readonly DutyState[],
  diff: StateDiff | null,
  options: ImportOptions & { sources: DocumentSourceValue[] },
  digest: string,
): Promise<void> {
  const perKind = (kind: ItemKind) => content.filter((state) => state.kind === kind).length;
  await trx('town_version').insert({
    id: TownVersion.idFor(townId, number),
    town_id: townId,
    number,
    effective_date: options.effectiveDate ?? null,
    sources: JSON.stringify(options.sources),
    digest,
    basic: perKind(ItemKind.BASIC),
    cooperative: perKind(ItemKind.COOPERATIVE),
    reclaimed: perKind(ItemKind.RECLAIMED),
    links: content.reduce((sum, state) => sum + state.links.length, 0),
    added: diff ? diff.added.length : content.length,
    removed: diff?.removed.length ?? 0,
    changed: diff?.changed.length ?? 0,
  });
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

/**
 * How `wanted` differs from the `current` rows (whole rows compared, by id): the counts, the rows to
 * write (new or changed) and the ids no longer wanted. An unchanged document writes nothing.
 */
function compareRows<Row extends { id: string }>(
  current: readonly Record<string, unknown>[],
  wanted: Row[],
): { changes: ChangeCounts; written: Row[]; gone: string[] } {
  const columns = Object.keys(wanted[0] ?? current[0] ?? { id: '' });
  const existing = new Map(current.map((row) => [row.id as string, rowKey(row, columns)]));
  const changes = counts({});
  const written: Row[] = [];
  for (const row of wanted) {
    const before = existing.get(row.id);
    existing.delete(row.id);
    if (before === undefined) changes.created++;
    else if (before !== rowKey(row, columns)) changes.updated++;
    else {
      changes.unchanged++;
      continue;
    }
    written.push(row);
  }
  const gone = [...existing.keys()];
  changes.removed = gone.length;
  return { changes, written, gone };
}

async function upsert(trx: Knex.Transaction, table: string, rows: { id: string }[]): Promise<void> {
  for (const batch of chunks(rows)) {
    await trx(table).insert(batch).onConflict('id').merge();
  }
}

async function removeIds(trx: Knex.Transaction, table: string, ids: string[]): Promise<void> {
  for (const batch of chunks(ids)) {
    await trx(table).whereIn('id', batch).delete();
  }
}

function changed(change: ChangeCounts): boolean {
  return change.created + change.updated + change.removed > 0;
}

async function removeOrphans(
  trx: Knex.Transaction,
  table: string,
  users: string[],
  column: string,
  previousUsers: Record<string, unknown>[],
): Promise<number> {
  const candidates = [...new Set(previousUsers.map((row) => row[column] as string))];
  if (candidates.length === 0) return 0;
  let orphans = trx(table).whereIn('id', candidates);
  for (const user of users) {
    orphans = orphans.whereNotExists(trx(user).select(trx.raw('1')).whereRaw('??.?? = ??.id', [user, column, table]));
  }
  const removed = await orphans.delete().returning('id');
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
