/**
 * A version's items and links as SQL relations with the current tables' columns, so that the one
 * filter compiler (item-filter.ts) and the page statements (item.repository.ts) read a version as
 * they read the current items: the current rows whose state began at or before it, and the history
 * rows valid at it (history.entity.ts).
 */
import { raw, type Sql, sql } from '../common/sql';

/** The columns `item` and `item_history` share: history keeps a state's whole row. */
export const ITEM_STATE_COLUMNS = [
  'id',
  'valid_from',
  'town_id',
  'kind',
  'number',
  'name',
  'category_id',
  'town_responsibilities',
  'working_method',
  'discontinued',
  'source_file',
  'source_line',
  'source_cells',
  'search_text',
  'search_bigrams',
  'town_key',
].join(', ');

/**
 * Item rows valid at version `v` (`town_version v` in scope), each with `valid_to` (null where
 * current), out of the current rows `current` and the history rows `history` (conditions on them).
 */
function statesAt(current: Sql, history: Sql): Sql {
  const columns = raw(ITEM_STATE_COLUMNS);
  return sql`select ${columns}, null::int as valid_to from item where ${current}
    union all
    select ${columns}, valid_to from item_history where ${history}`;
}

const AT_VERSION = statesAt(
  raw('town_id = v.town_id and valid_from <= v.number'),
  raw('town_id = v.town_id and valid_from <= v.number and v.number < valid_to'),
);

/** The items of the version whose id `version` gives, as the relation `i`. */
export function versionItems(version: Sql): Sql {
  return sql`(select x.* from town_version as v cross join lateral (${AT_VERSION}) as x where v.id = ${version}) as i`;
}

/**
 * The items of several versions, each row with its `version_id`: the rows of `versions` (a
 * statement's `town_version v` condition).
 */
export function itemsOfVersions(versions: Sql): Sql {
  return sql`(select v.id as version_id, x.* from town_version as v cross join lateral (${AT_VERSION}) as x where ${versions}) as i`;
}

/** Every state an item ever had (current and kept), of the items `ids`, as the relation `i`. */
export function statesOfItems(ids: readonly string[]): Sql {
  const condition = sql`id = any(${[...ids]}::uuid[])`;
  return sql`(${statesAt(condition, condition)}) as i`;
}

/** The current items of some towns as the relation `i`, with `valid_to` as the states have it. */
export function currentItemsOf(townIds: readonly string[]): Sql {
  return sql`(select ${raw(ITEM_STATE_COLUMNS)}, null::int as valid_to from item where town_id = any(${[...townIds]}::uuid[])) as i`;
}

/**
 * The links of the state `i` (a row of the relations above): a current row's are the current
 * links, a kept state's those kept with it. For the filter compiler's department filter too.
 */
export const STATE_LINKS = raw(`(select item_id, department_id, relation, responsibilities, position from link
    where i.valid_to is null
  union all
  select item_id, department_id, relation, responsibilities, position from link_history
    where i.valid_to is not null and valid_from = i.valid_from)`);
