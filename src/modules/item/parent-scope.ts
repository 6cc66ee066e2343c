/**
 * A parent whose items a lateral join pages and counts (`p.parent_id`): a town, a category, or a
 * department through its links (of one relation, or any).
 */
import type { Relation } from '../common/enums';
import { raw, type Sql, sql } from '../common/sql';

export type ParentScope =
  | { by: 'town' | 'category' }
  | { by: 'department'; relation: Relation | null }
  // A version of a town: its items are a relation of their own (version-items.ts), of that version alone.
  | { by: 'version' };

/**
 * The join and condition (` [join …] where …`) that narrow `item` (or a table of kept counts under
 * `alias`) to the parent `p.parent_id` of a lateral join; a department's items through its links.
 */
export function ofParent(scope: ParentScope, alias: string): Sql {
  if (scope.by === 'version') return raw(' where true');
  if (scope.by !== 'department') {
    return raw(` where ${alias}.${scope.by === 'town' ? 'town_id' : 'category_id'} = p.parent_id`);
  }
  return sql` join link as pl on pl.item_id = i.id where ${linksOfParent(scope.relation)}`;
}

/** The condition on `link pl` that keeps the links of the department `p.parent_id`, of a relation if given. */
export function linksOfParent(relation: Relation | null): Sql {
  return relation
    ? sql`pl.department_id = p.parent_id and pl.relation = ${relation}`
    : raw('pl.department_id = p.parent_id');
}
