import { Entity, Enum, PrimaryKey } from '@mikro-orm/core';
import { Relation } from '../common/enums';
import { CountPerCategoryKind, CountPerTownCategoryKind } from '../item/item-count.entity';

/** Items per department, town, category, kind and relation (Migration20261129120000). */
@Entity({ tableName: 'department_item_count' })
export class DepartmentItemCount extends CountPerTownCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  relation!: Relation;
}

/** Items per department, category, kind and relation over all towns (Migration20261129150000). */
@Entity({ tableName: 'department_item_total' })
export class DepartmentItemTotal extends CountPerCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  relation!: Relation;
}
