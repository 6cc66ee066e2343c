import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { ItemKind } from '../common/enums';

/**
 * Items per search bigram, category and kind over all towns, so that a two-character search's
 * count sums a few rows instead of reading every match. Written and read with SQL in
 * src/modules/aggregates/ (search-counts.ts, count-planner.ts). Its storage parameters
 * (fillfactor 70 for the folds' updates, no parallel workers) are no MikroORM option: the
 * migration sets them.
 */
@Entity({ tableName: 'search_bigram_total' })
export class SearchBigramTotal {
  /** Compared byte-wise; MikroORM 6 has no collation option, so the column type says it (see Item.townKey). */
  @PrimaryKey({ type: 'text', columnType: 'text collate "C"' })
  bigram!: string;

  @PrimaryKey({ type: 'uuid' })
  categoryId!: string;

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', primary: true })
  kind!: ItemKind;

  @Property({ type: 'integer' })
  items!: number;
}

/**
 * One import's change to the totals, not yet folded into them: entry i adds `items[i]` to
 * (`bigrams[i]`, its category, `kinds[i]`). Its key is random, not a sequence's: the importer's
 * role may write rows, not use sequences. No parallel workers either (set by the migration).
 *
 * The arrays of other elements than text name their column type: MikroORM 6 maps any array
 * property to `text[]`, and its diff does not compare an array's element type.
 */
@Entity({ tableName: 'search_bigram_change' })
export class SearchBigramChange {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Property({ type: 'text[]' })
  bigrams!: string[];

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', array: true })
  kinds!: ItemKind[];

  @Property({ type: 'int[]', columnType: 'int[]' })
  items!: number[];

  /** The categories of the entries, each once. */
  @Property({ type: 'uuid[]', columnType: 'uuid[]' })
  categories!: string[];

  /** Entry i's category: `categories[entryCategories[i]]` (from 1). */
  @Property({ type: 'smallint[]', columnType: 'smallint[]' })
  entryCategories!: number[];
}
