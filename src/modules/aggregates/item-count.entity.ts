import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ItemKind } from '../common/enums';
import { Town } from '../town/town.entity';

/**
 * The key and count shared by the tables of counts imports keep ahead, per category and kind:
 * written and read with SQL in src/modules/aggregates/ (town-counts.ts, count-planner.ts).
 */
@Entity({ abstract: true })
export abstract class CountPerCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', primary: true })
  kind!: ItemKind;

  @Property({ type: 'integer' })
  items!: number;
}

/**
 * The same per town too. The town leads the key (the primary key's order is the properties', a
 * base's first), so this base is not built on the one above.
 */
@Entity({ abstract: true })
export abstract class CountPerTownCategoryKind {
  @ManyToOne(() => Town, { ref: true, primary: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', primary: true })
  kind!: ItemKind;

  @Property({ type: 'integer' })
  items!: number;
}

/**
 * Items per town, category and kind. The category index carries the counts (INCLUDE), so that a
 * category's counts over many towns are read from it alone; MikroORM 6 declares no INCLUDE, so the
 * index is its SQL (and its diff compares it by name only).
 */
@Entity({ tableName: 'item_count' })
@Index({
  name: 'item_count_category_index',
  expression: 'create index "item_count_category_index" on "item_count" ("category_id", "kind") include ("items")',
})
export class ItemCount extends CountPerTownCategoryKind {}

/** Items per category and kind over all towns. */
@Entity({ tableName: 'item_total' })
export class ItemTotal extends CountPerCategoryKind {}
