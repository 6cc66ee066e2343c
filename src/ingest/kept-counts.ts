/**
 * The counts imports keep ahead of reads, so that a dashboard's slice sums a few rows instead of
 * counting items and links:
 * - per town: item_count (town, category, kind) and department_item_count (… department, relation);
 * - over all towns: item_total and department_item_total, the same without the town.
 * A town's rows are counted again from its items and links; the totals take the difference.
 */
import type { Knex } from '@mikro-orm/postgresql';

/** One kept table per town and its total over all towns, with the columns of their key. */
interface KeptCount {
  perTown: string;
  total: string;
  key: string[];
  /** The rows of one town, counted afresh (`?` is the town's id). */
  counted: string;
}

const KEPT: KeptCount[] = [
  {
    perTown: 'item_count',
    total: 'item_total',
    key: ['category_id', 'kind'],
    counted: 'select town_id, category_id, kind, count(*) from item where town_id = ? group by 1, 2, 3',
  },
  {
    perTown: 'department_item_count',
    total: 'department_item_total',
    key: ['category_id', 'kind', 'department_id', 'relation'],
    counted: `select i.town_id, i.category_id, i.kind, l.department_id, l.relation, count(*)
      from item i join link l on l.item_id = i.id where i.town_id = ? group by 1, 2, 3, 4, 5`,
  },
];

type CountRow = Record<string, string | number> & { items: number };

/** What a town's recount changed in the totals: per table, the rows to add (negative to take away). */
export type TotalsChange = Map<KeptCount, CountRow[]>;

/** The town's rows of the per-town counts, counted again; returns what the totals must take. */
export async function recountTown(trx: Knex.Transaction, townId: string): Promise<TotalsChange> {
  const change: TotalsChange = new Map();
  for (const kept of KEPT) {
    const before: CountRow[] = await trx(kept.perTown)
      .where('town_id', townId)
      .delete()
      .returning([...kept.key, 'items']);
    const { rows: after } = await trx.raw(
      `/* recount ${kept.perTown} */ insert into ${kept.perTown} ${kept.counted} returning ${kept.key.join(', ')}, items`,
      [townId],
    );
    change.set(kept, difference(kept.key, before, after));
  }
  return change;
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
    const columns = [...kept.key, 'items'];
    const { rows: written } = await trx.raw(
      `/* add to ${kept.total} */ insert into ${kept.total} (${columns.join(', ')})
       select ${columns.join(', ')} from json_populate_recordset(null::${kept.total}, ?) order by ${kept.key.join(', ')}
       on conflict (${kept.key.join(', ')}) do update set items = ${kept.total}.items + excluded.items
       returning ${columns.join(', ')}`,
      [JSON.stringify(rows)],
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
  await trx.raw(
    `/* drop emptied ${table} */ delete from ${table} t using json_populate_recordset(null::${table}, ?) e
     where ${key.map((column) => `t.${column} = e.${column}`).join(' and ')} and t.items = 0`,
    [JSON.stringify(emptied)],
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
