/**
 * The SQL the filter compiler writes can use the indexes made for it. The seed is too small for the
 * planner to prefer them, so sequential scans are priced out; on many towns (docs/search.md) the
 * planner picks them by itself.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { Knex } from '@mikro-orm/postgresql';
import { Relation } from '../../src/modules/common/enums';
import { sql } from '../../src/modules/common/sql';
import { Department } from '../../src/modules/department/department.entity';
import type { ItemFilter } from '../../src/modules/item/item.inputs';
import { itemConditions } from '../../src/modules/item/item-filter';
import { useDatabase } from '../support/test-database';

const database = useDatabase();
let knex: Knex;
beforeAll(() => {
  knex = database.orm.em.getKnex();
});

async function indexesUsed(filter: ItemFilter): Promise<string[]> {
  const { sql: text, bindings } = sql`select count(*) as matches from item as i where ${itemConditions(filter)}`;
  return knex.transaction(async (trx) => {
    await trx.raw('set local enable_seqscan = off');
    const { rows } = await trx.raw(`explain (format json) ${text}`, bindings as Knex.RawBinding[]);
    const names: string[] = [];
    const visit = (node: Record<string, any>) => {
      if (node['Index Name']) names.push(node['Index Name']);
      for (const child of node.Plans ?? []) visit(child);
    };
    visit(rows[0]['QUERY PLAN'][0].Plan);
    return names;
  });
}

describe('indexes', () => {
  it('search uses the bigram GIN index, alone and inside or', async () => {
    expect(await indexesUsed({ search: '防汛' })).toContain('item_search_bigrams_index');
    expect(await indexesUsed({ or: [{ search: '防汛' }, { search: '消防' }] })).toEqual([
      'item_search_bigrams_index',
      'item_search_bigrams_index',
    ]);
  });

  it('a department filter uses the link index on (department, relation)', async () => {
    const used = await indexesUsed({ departmentIds: [Department.idFor('托里县公安局')], relation: Relation.SHARED });
    expect(used).toContain('link_department_id_relation_index');
  });

  it('a category filter uses an item index led by the category', async () => {
    const { rows } = await knex.raw('select id from category limit 1');
    const used = await indexesUsed({ categoryIds: [rows[0].id] });
    expect(used).toHaveLength(1);
    // The default order's, or one of the number and name orders' (category, kind, …).
    expect(['item_category_order_index', 'item_number_order_index', 'item_name_order_index']).toContain(used[0]);
  });
});
