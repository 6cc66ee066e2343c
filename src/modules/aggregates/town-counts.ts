/**
 * The counts imports keep ahead of reads, so that a dashboard's slice sums a few rows instead of
 * counting items and links:
 * - per town: item_count (town, category, kind) and department_item_count (… department, relation);
 * - over all towns: item_total and department_item_total, the same without the town, and
 *   department_pair_total (category, kind, two departments and their relations: the items they
 *   share, a slice graph's edges).
 * A town's rows are counted again from its items and links; the totals take the difference.
 * Imports reach it through keep-counts.ts.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { join, raw, runIn, type Sql, sql } from '../common/sql';

/** A count kept over all towns: its table and the columns of its key. */
interface KeptTotal {
  total: string;
  key: string[];
}

/** One kept table per town and its total over all towns, with the columns of their key. */
interface KeptCount extends KeptTotal {
  perTown: string;
  /** The rows of one town, counted afresh. */
  counted: (townId: string) => Sql;
}

const KEPT: KeptCount[] = [
  {
    perTown: 'item_count',
    total: 'item_total',
    key: ['category_id', 'kind'],
    counted: (townId) =>
      sql`select town_id, category_id, kind, count(*) from item where town_id = ${townId} group by 1, 2, 3`,
  },
  {
    perTown: 'department_item_count',
    total: 'department_item_total',
    key: ['category_id', 'kind', 'department_id', 'relation'],
    counted: (townId) => sql`select i.town_id, i.category_id, i.kind, l.department_id, l.relation, count(*)
      from item i join link l on l.item_id = i.id where i.town_id = ${townId} group by 1, 2, 3, 4, 5`,
  },
];

/**
 * Items two departments share, the smaller id first (as `source_id`): kept over all towns only, for
 * the graphs of slices of every town; a town's graph reads its few links. Its change is counted
 * from the town's rows as the import read and wrote them, since no per-town table holds what they
 * were: a pair of county departments is shared by every town of the county.
 */
const DEPARTMENT_PAIRS: KeptTotal = {
  total: 'department_pair_total',
  key: ['category_id', 'kind', 'source_id', 'target_id', 'source_relation', 'target_relation'],
};

type CountRow = Record<string, string | number> & { items: number };

/** What a town's recount changed in the totals: per table, the rows to add (negative to take away). */
export type TotalsChange = Map<KeptTotal, CountRow[]>;

/**
 * A town's items (id, category_id, kind) and links (item_id, department_id, relation), as they
 * were before an import or as it writes them.
 */
export interface TownRows {
  items: readonly Record<string, unknown>[];
  links: readonly Record<string, unknown>[];
}

/**
 * The town's rows of the per-town counts, counted again, and its department pairs `before` and
 * `after` the import; returns what the totals must take.
 */
export async function recountTown(
  trx: Knex.Transaction,
  townId: string,
  rows: { before: TownRows; after: TownRows },
): Promise<TotalsChange> {
  const change: TotalsChange = new Map();
  for (const kept of KEPT) {
    const before: CountRow[] = await trx(kept.perTown)
      .where('town_id', townId)
      .delete()
      .returning([...kept.key, 'items']);
    const after = await runIn<CountRow>(
      trx,
      `recount ${kept.perTown}`,
      sql`insert into ${raw(kept.perTown)} ${kept.counted(townId)} returning ${raw(kept.key.join(', '))}, items`,
    );
    change.set(kept, difference(kept.key, before, after));
  }
  const pairs = difference(DEPARTMENT_PAIRS.key, departmentPairs(rows.before), departmentPairs(rows.after));
  change.set(DEPARTMENT_PAIRS, pairs);
  return change;
}

/** Items per two departments linked to them, category, kind and relations: DEPARTMENT_PAIRS' rows. */
function departmentPairs({ items, links }: TownRows): CountRow[] {
  const linksOf = new Map<string, { department: string; relation: string }[]>();
  for (const link of links) {
    const linked = { department: String(link.department_id), relation: String(link.relation) };
    const found = linksOf.get(String(link.item_id));
    if (found) found.push(linked);
    else linksOf.set(String(link.item_id), [linked]);
  }
  const pairs = new Map<string, CountRow>();
  for (const item of items) {
    const [category, kind] = [String(item.category_id), String(item.kind)];
    // Ids in text order are PostgreSQL's uuid order: lower-case hexadecimal digits at fixed places.
    const linked = (linksOf.get(String(item.id)) ?? []).sort((a, b) => (a.department < b.department ? -1 : 1));
    for (let i = 0; i < linked.length; i++) {
      for (let j = i + 1; j < linked.length; j++) {
        const [source, target] = [linked[i], linked[j]];
        const key = `${category} ${kind} ${source.department} ${target.department} ${source.relation} ${target.relation}`;
        const pair = pairs.get(key);
        if (pair) pair.items++;
        else {
          pairs.set(key, {
            category_id: category,
            kind,
            source_id: source.department,
            target_id: target.department,
            source_relation: source.relation,
            target_relation: target.relation,
            items: 1,
          });
        }
      }
    }
  }
  return [...pairs.values()];
}

/**
 * Adds a recount's change to the totals, which every import shares: call it last in the
 * transaction, after every other lock the import takes. Rows are written in key order, each table
 * in one statement, so concurrent imports wait for each other instead of deadlocking; a total
 * that reaches zero goes, as a count that was never kept.
 */
export async function addToTotals(trx: Knex.Transaction, change: TotalsChange): Promise<void> {
  for (const [kept, rows] of change) {
    if (rows.length === 0) continue;
    const [total, key, columns] = [raw(kept.total), raw(kept.key.join(', ')), raw([...kept.key, 'items'].join(', '))];
    const written = await runIn<CountRow>(
      trx,
      `add to ${kept.total}`,
      sql`insert into ${total} (${columns})
       select ${columns} from json_populate_recordset(null::${total}, ${JSON.stringify(rows)}) order by ${key}
       on conflict (${key}) do update set items = ${total}.items + excluded.items
       returning ${columns}`,
    );
    await dropEmptiedTotals(trx, kept.total, kept.key, written);
  }
}

/**
 * Deletes the rows of `written` (rows of totals `table` just written, with their key and `items`)
 * whose count reached zero, as counts never kept: only rows the transaction just wrote, and so
 * already holds.
 */
export async function dropEmptiedTotals(
  trx: Knex.Transaction,
  table: string,
  key: string[],
  written: { items: number }[],
): Promise<void> {
  const emptied = written.filter((row) => row.items === 0);
  if (emptied.length === 0) return;
  const sameKey = join(
    key.map((column) => raw(`t.${column} = e.${column}`)),
    ' and ',
  );
  await runIn(
    trx,
    `drop emptied ${table}`,
    sql`delete from ${raw(table)} t using json_populate_recordset(null::${raw(table)}, ${JSON.stringify(emptied)}) e
     where ${sameKey} and t.items = 0`,
  );
}

/** `after` minus `before`, by key, without the rows that did not change. */
function difference(key: string[], before: CountRow[], after: CountRow[]): CountRow[] {
  const keyOf = (row: CountRow) => key.map((column) => row[column]).join('\u0000');
  const change = new Map<string, CountRow>();
  for (const row of after) change.set(keyOf(row), { ...row });
  for (const row of before) {
    const existing = change.get(keyOf(row));
    if (existing) existing.items -= row.items;
    else change.set(keyOf(row), { ...row, items: -row.items });
  }
  return [...change.values()].filter((row) => row.items !== 0);
}
