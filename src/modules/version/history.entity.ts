/**
 * The states of items and links that later versions changed or removed, in the style of SQL:2011
 * system versioning: `item` and `link` hold the current version (every query but a version's reads
 * them alone), and when a duty's state changes or it is removed in version N, its row and its link
 * rows as they were are copied here with `valid_to` N. A version n's items are then the current rows
 * with `valid_from <= n` and the history rows with `valid_from <= n < valid_to` (version-items.ts).
 * The columns are the current tables' (the filter compiler and the page statements read them under
 * the same names), without foreign keys to the item: a removed item's history outlives its row.
 */
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Category } from '../category/category.entity';
import { ItemKind, Relation } from '../common/enums';
import { Department } from '../department/department.entity';
import { Town } from '../town/town.entity';

@Entity({ tableName: 'item_history' })
@Index({ name: 'item_history_town_index', properties: ['town', 'validFrom', 'validTo'] })
export class ItemHistory {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The version whose import made this state. */
  @PrimaryKey({ type: 'integer' })
  validFrom!: number;

  /** The version whose import changed or removed it. */
  @Property({ type: 'integer' })
  validTo!: number;

  @ManyToOne(() => Town, { ref: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind' })
  kind!: ItemKind;

  @Property({ type: 'integer' })
  number!: number;

  @Property({ type: 'text' })
  name!: string;

  @ManyToOne(() => Category, { ref: true })
  category!: Ref<Category>;

  @Property({ type: 'text[]', default: '{}' })
  townResponsibilities: string[] = [];

  @Property({ type: 'text', nullable: true })
  workingMethod: string | null = null;

  @Property({ type: 'boolean', default: false })
  discontinued = false;

  @Property({ type: 'text' })
  sourceFile!: string;

  @Property({ type: 'integer' })
  sourceLine!: number;

  @Property({ type: 'text[]' })
  sourceCells!: string[];

  @Property({ type: 'text', default: '' })
  searchText!: string;

  @Property({ type: 'text[]', default: '{}' })
  searchBigrams!: string[];

  @Property({ type: 'text', columnType: 'text collate "C"', default: '' })
  townKey!: string;
}

@Entity({ tableName: 'link_history' })
@Index({ name: 'link_history_town_index', properties: ['town', 'validFrom', 'validTo'] })
@Index({ name: 'link_history_item_index', properties: ['item', 'validFrom'] })
export class LinkHistory {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Its item's `valid_from`: a link's state is part of its item's. */
  @PrimaryKey({ type: 'integer' })
  validFrom!: number;

  @Property({ type: 'integer' })
  validTo!: number;

  /** The item's id, which its history rows share; no foreign key (see above). */
  @Property({ type: 'uuid', fieldName: 'item_id' })
  item!: string;

  @ManyToOne(() => Town, { ref: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @ManyToOne(() => Department, { ref: true })
  department!: Ref<Department>;

  @Enum({ items: () => Relation, nativeEnumName: 'relation' })
  relation!: Relation;

  @Property({ type: 'smallint' })
  position!: number;

  @Property({ type: 'text[]', default: '{}' })
  responsibilities: string[] = [];
}
