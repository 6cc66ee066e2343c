import type { Relation } from '../common/enums';
import { loaderOfLists, loaderOfListsByWidth, loaderPerArguments } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { LinkRepository } from './link.repository';

/** Links per item (in the row's order) and per department (in the default item order). */
export const linkLoaders = {
  linksByItem: (sql: RequestSql) =>
    loaderOfListsByWidth(
      (itemIds, wide) => new LinkRepository(sql).byItems(itemIds, wide),
      (link) => link.item.id,
    ),
  linksByDepartment: (sql: RequestSql) =>
    loaderPerArguments((relation: Relation | null) =>
      loaderOfLists(
        (departmentIds) => new LinkRepository(sql).byDepartments(departmentIds, relation),
        (link) => link.department.id,
      ),
    ),
};
