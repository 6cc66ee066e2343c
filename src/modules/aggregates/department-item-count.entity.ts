import { Entity, Enum, Index, PrimaryKey } from '@mikro-orm/core';
import { Relation } from '../common/enums';
import { CountPerCategoryKind, CountPerTownCategoryKind } from './item-count.entity';

/**
 * Items per department, town, category, kind and relation. The category index carries the counts
 * (INCLUDE), as item_count's does; MikroORM 6 declares no INCLUDE, so the index is its SQL (and its
 * diff compares it by name only).
 */
@Entity({ tableName: 'department_item_count' })
@Index({
  name: 'department_item_count_category_index',
  expression:
    'create index "department_item_count_category_index" on "department_item_count" ("category_id", "kind", "relation", "department_id") include ("items")',
})
export class DepartmentItemCount extends CountPerTownCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  relation!: Relation;
}

/**
 * Items per department, category, kind and relation over all towns. The top index lists one
 * category and kind's departments most items first: a facet's top ten reads ten entries instead of
 * summing and sorting thousands of departments. MikroORM 6 declares no descending key, so the
 * index is its SQL (and its diff compares it by name only).
 */
@Entity({ tableName: 'department_item_total' })
@Index({
  name: 'department_item_total_top_index',
  expression:
    'create index "department_item_total_top_index" on "department_item_total" ("category_id", "kind", "items" desc)',
})
export class DepartmentItemTotal extends CountPerCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  relation!: Relation;
}
