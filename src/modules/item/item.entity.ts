import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { Category } from '../category/category.entity';
import { ItemKind } from '../common/enums';
import { stableId } from '../common/stable-id';
import { Town } from '../town/town.entity';

/**
 * One row of one of a town's three lists.
 *
 * The order indexes serve keyset pages straight from an index, at any depth and number of towns:
 * the default order (town, kind, number) over all items, per town and per category; and the
 * number and name orders per category and kind, which a page of several categories or kinds reads
 * one category and kind at a time (item.repository.ts). An index over all items in number or
 * name order would serve all items only: a slice's items lie anywhere along it. Other orders (KIND
 * or CATEGORY first) have none: each index costs every import (docs/benchmarks.md).
 */
@ObjectType({ simpleResolvers: true, description: "One duty of a town's lists" })
@Directive('@key(fields: "id")')
@CacheAgeOfParent()
@Entity({ tableName: 'item' })
@Unique({ properties: ['town', 'kind', 'number'] })
@Index({ name: 'item_search_bigrams_index', properties: ['searchBigrams'], type: 'gin' })
@Index({ name: 'item_order_index', properties: ['townKey', 'kind', 'number', 'id'] })
@Index({ name: 'item_town_order_index', properties: ['town', 'townKey', 'kind', 'number', 'id'] })
@Index({ name: 'item_category_order_index', properties: ['category', 'townKey', 'kind', 'number', 'id'] })
@Index({ name: 'item_number_order_index', properties: ['category', 'kind', 'number', 'id'] })
// Names compare byte-wise, as the name order's cursors do; MikroORM 6 declares no collation of an
// index key, so the index is its SQL (and its diff compares it by name only).
@Index({
  name: 'item_name_order_index',
  expression: 'create index "item_name_order_index" on "item" ("category_id", "kind", "name" collate "C", "id")',
})
export class Item {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Town, { ref: true, deleteRule: 'cascade' })
  town!: Ref<Town>;

  @Field(() => ItemKind)
  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind' })
  kind!: ItemKind;

  @Field(() => Int, { description: '序号, 1..N inside its list' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => String, { description: '事项名称' })
  @Property({ type: 'text' })
  name!: string;

  /** Read objects hold the category itself: every statement reading items joins it (itemColumns). */
  @Field(() => Category)
  @ManyToOne(() => Category, { ref: true })
  category!: Ref<Category>;

  @Field(() => [String], { description: '乡镇（街道）配合职责 as ordered steps; [] where none' })
  @Property({ type: 'text[]', default: '{}' })
  townResponsibilities: string[] = [];

  @Field(() => String, { nullable: true, description: '工作方式 of a reclaimed item' })
  @Property({ type: 'text', nullable: true })
  workingMethod: string | null = null;

  @Field(() => Boolean, { description: '不再开展此项工作: the duty was discontinued' })
  @Property({ type: 'boolean', default: false })
  discontinued = false;

  /**
   * Provenance: the document, line and raw cells this item was read from. Lazy: the raw cells are
   * the largest column and no API field reads them, so ordinary loads leave them in the database.
   */
  @Property({ type: 'text', lazy: true })
  sourceFile!: string;

  @Property({ type: 'integer', lazy: true })
  sourceLine!: number;

  @Property({ type: 'text[]', lazy: true })
  sourceCells!: string[];

  // The columns below are SQL's alone (filters, orders, the importer), never a read object's:
  // lazy, so that read models (read-model.ts) leave them out of their select lists.

  /**
   * The text `search` looks in: the name, steps, working method, the departments' responsibilities
   * and names (src/ingest/search-text.ts); `ilike` on it rechecks the bigram index's candidates.
   */
  @Property({ type: 'text', default: '', lazy: true })
  searchText!: string;

  /**
   * The distinct character bigrams of the search text, under a GIN index: Chinese search terms are
   * mostly two or three characters, too short for pg_trgm's trigrams.
   */
  @Property({ type: 'text[]', default: '{}', lazy: true })
  searchBigrams!: string[];

  /**
   * The town's sort key (Town.sortKey), copied here so that the default order has an index.
   * Compared byte-wise (collation "C"); MikroORM 6 has no collation option, so the column type says
   * it, and the diff, which compares the mapped type (text), agrees with the database.
   */
  @Property({ type: 'text', columnType: 'text collate "C"', default: '', lazy: true })
  townKey!: string;

  /**
   * The version of its town whose import made this state of the duty (its row and its links): the
   * states before it are in item_history (src/modules/version/history.entity.ts).
   */
  @Property({ type: 'integer', default: 1, lazy: true })
  validFrom!: number;

  /**
   * Not a column: set on an item an earlier version lists in a state it no longer has (its kept
   * state's valid_from), so that its links are read as that state had them (link.loaders.ts).
   */
  keptFrom?: number;

  static idFor(townId: string, kind: ItemKind, number: number): string {
    return stableId('Item', townId, kind, number);
  }
}
