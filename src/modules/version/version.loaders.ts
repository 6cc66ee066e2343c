import { loaderOfLists, loaderOfMap } from '../common/loader-factory';
import type { RequestSql } from '../common/request-sql';
import { VersionRepository } from './version.repository';

export const versionLoaders = {
  /** The versions of many towns, newest first: one statement a tick. */
  versionsByTown: (sql: RequestSql) =>
    loaderOfLists(
      (ids) => new VersionRepository(sql).byTowns(ids),
      (version) => version.town.id,
    ),
  /** The duties of many versions (by version id), for their changes and diffs. */
  versionStates: (sql: RequestSql) => loaderOfMap((ids) => new VersionRepository(sql).statesOfVersions(ids)),
  /** Every state of many items, for their histories. */
  itemStates: (sql: RequestSql) => loaderOfMap((ids) => new VersionRepository(sql).statesOfItems(ids)),
  /** The current duties of many towns, for comparisons. */
  townStates: (sql: RequestSql) => loaderOfMap((ids) => new VersionRepository(sql).currentStates(ids)),
};
