import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ItemKind } from '../common/enums';
import { Town } from '../town/town.entity';

/**
 * The key and count shared by the tables of counts imports keep ahead (src/ingest/kept-counts.ts),
 * per category and kind. Read with SQL (item-counts.ts, department-counts.ts); declared so that
 * MikroORM's schema diff knows the tables.
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

/** Items per town, category and kind (Migration20261129140000). */
@Entity({ tableName: 'item_count' })
export class ItemCount extends CountPerTownCategoryKind {}

/** Items per category and kind over all towns (Migration20261129150000). */
@Entity({ tableName: 'item_total' })
export class ItemTotal extends CountPerCategoryKind {}
