import { Entity, Enum, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { ItemKind } from '../common/enums';
import { Town } from '../town/town.entity';

/**
 * Items counted ahead per town, category and kind (Migration20261129140000). Written by imports,
 * read by item-counts.ts with SQL; declared so that MikroORM's schema diff knows the table.
 */
@Entity({ tableName: 'item_count' })
export class ItemCount {
  @ManyToOne(() => Town, { ref: true, primary: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', primary: true })
  kind!: ItemKind;

  @Property({ type: 'integer' })
  items!: number;
}
