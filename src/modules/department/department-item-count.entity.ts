import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ItemKind, Relation } from '../common/enums';
import { Town } from '../town/town.entity';

/**
 * Items per department, counted ahead per town, category, kind and relation (migration
 * Migration20261129120000). Written by imports, read by department-counts.ts with SQL; declared
 * so that MikroORM's schema diff knows the table.
 */
@Entity({ tableName: 'department_item_count' })
export class DepartmentItemCount {
  @ManyToOne(() => Town, { ref: true, primary: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', primary: true })
  kind!: ItemKind;

  @PrimaryKey({ type: 'uuid' })
  departmentId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  relation!: Relation;

  @Property({ type: 'integer' })
  items!: number;
}
