/**
 * How long the API's unpaged lists can be in the data served now (the towns, the categories, a
 * category's departments, a department's or an item's links…), so that a query's cost counts what
 * it would really return rather than a guess: ten towns costed for 201 let one accepted request
 * answer 24 MB. Read at start and again after imports change the data (the dataset generation),
 * at most once per `REFRESH_MS`: a request costed between an import and the next read is costed on
 * the sizes before it, and the response's size bound (RESPONSE_MAX_MB) still holds.
 */
import type { Knex } from '@mikro-orm/postgresql';
import type { Logger } from 'pino';
import type { DatasetGenerationWatch } from '../cache/dataset-generation';

export interface ListSizeCounts {
  towns: number;
  categories: number;
  departments: number;
  /** The most links one item has (its departments). */
  linksPerItem: number;
  /** The most links one department has over all towns. */
  linksPerDepartment: number;
  /** The most departments linked to one category's items. */
  departmentsPerCategory: number;
  /** The most versions one town has. */
  versionsPerTown: number;
  /** The most items one town has, now or in a version kept. */
  itemsPerTown: number;
}

export interface ListSizes {
  /** The sizes now, with the number of their read (costs are kept per read). */
  current(): Readonly<ListSizeCounts & { read: number }>;
  start(): Promise<void>;
  stop(): void;
}

const REFRESH_MS = 5_000;

/** Kept counts answer most of it; an item's links are counted from the links. */
const SIZES_SQL = `/* listSizes */ select
  (select count(*) from town)::int as "towns",
  (select count(*) from category)::int as "categories",
  (select count(*) from department)::int as "departments",
  (select coalesce(max(n), 0) from (select count(*) as n from link group by item_id) l)::int as "linksPerItem",
  (select coalesce(max(n), 0) from (select sum(items) as n from department_item_total group by department_id) d)::int as "linksPerDepartment",
  (select coalesce(max(n), 0) from (select count(distinct department_id) as n from department_item_total group by category_id) c)::int as "departmentsPerCategory",
  (select coalesce(max(n), 0) from (select count(*) as n from town_version group by town_id) v)::int as "versionsPerTown",
  greatest(
    (select coalesce(max(basic + cooperative + reclaimed), 0) from town_version),
    (select coalesce(max(n), 0) from (select sum(items) as n from item_count group by town_id) t)
  )::int as "itemsPerTown"`;

export function readListSizes(knex: Knex): Promise<ListSizeCounts> {
  return knex.raw(SIZES_SQL).then((result: { rows: ListSizeCounts[] }) => result.rows[0]);
}

export function watchListSizes(options: {
  knex: Knex;
  generation?: DatasetGenerationWatch;
  logger: Logger;
}): ListSizes {
  const { knex, generation, logger } = options;
  let sizes: Readonly<ListSizeCounts & { read: number }> | undefined;
  let reads = 0;
  let reading: Promise<void> | undefined;
  let again = false;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const read = async () => {
    try {
      sizes = Object.freeze({ ...(await readListSizes(knex)), read: ++reads });
      logger.debug({ sizes }, 'list sizes read');
    } catch (error) {
      // The sizes read before stay; a database that is down answers no request anyway.
      logger.warn({ err: error }, 'list sizes not read; the last ones stay');
    }
  };
  // Generations come in runs while an import runs: one read now, one more after the run.
  const refresh = () => {
    if (stopped) return;
    if (reading || timer) {
      again = true;
      return;
    }
    reading = read().finally(() => {
      reading = undefined;
      timer = setTimeout(() => {
        timer = undefined;
        if (again) {
          again = false;
          refresh();
        }
      }, REFRESH_MS);
      timer.unref();
    });
  };

  return {
    current: () => {
      if (!sizes) throw new Error('list sizes read before start()');
      return sizes;
    },
    async start() {
      await read();
      // Until the database answers once, each list is costed as holding the page size's rows.
      sizes ??= Object.freeze({
        towns: 50,
        categories: 50,
        departments: 50,
        linksPerItem: 50,
        linksPerDepartment: 50,
        departmentsPerCategory: 50,
        versionsPerTown: 50,
        itemsPerTown: 50,
        read: 0,
      });
      generation?.subscribe(refresh);
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
