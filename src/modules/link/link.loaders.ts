import type { Relation } from '../common/enums';
import { loaderById, loaderOfLists, loaderOfListsByWidth, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import type { Item } from '../item/item.entity';
import type { Link } from './link.entity';
import { LinkRepository } from './link.repository';

/** Links by id, per item (in the row's order) and per department (in the default item order). */
export const linkLoaders = {
  /** Links by id, with their departments and responsibilities: federation's `Link @key(fields: "id")`. */
  link: (sql: RequestSql) => loaderById((ids) => new LinkRepository(sql).byIds(ids)),
  linksByItem: (sql: RequestSql) =>
    loaderOfListsByWidth(
      (itemIds, wide) => new LinkRepository(sql).byItems(itemIds, wide),
      (link) => link.item.id,
    ),
  /** Links of items' kept states (an earlier version's items), by `itemId:validFrom`. */
  linksByKeptState: (sql: RequestSql) =>
    loaderOfListsByWidth(
      (keys, wide) => new LinkRepository(sql).byKeptStates(keys, wide),
      (entry) => entry.key,
    ),
  linksByDepartment: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        (departmentIds) => new LinkRepository(sql).byDepartments(departmentIds, relation),
        (link) => link.department.id,
      ),
    ),
};

/**
 * An item's links as its state has them: the current ones, or, for an item an earlier version
 * listed in a state it no longer has (`keptFrom`), those kept with that state.
 */
export async function linksOfItem(
  loaders: { [Name in 'linksByItem' | 'linksByKeptState']: ReturnType<(typeof linkLoaders)[Name]> },
  item: Item,
  wide: boolean,
): Promise<Link[]> {
  if (item.keptFrom === undefined) return loaders.linksByItem.load({ key: item.id, wide });
  const entries = await loaders.linksByKeptState.load({ key: `${item.id}:${item.keptFrom}`, wide });
  return entries.map((entry) => entry.link);
}
