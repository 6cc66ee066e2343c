import { Entity, Enum, PrimaryKey, Property } from '@mikro-orm/core';
import { ItemKind } from '../common/enums';

/**
 * Items per search bigram, category and kind over all towns (Migration20261129170000, by category
 * since Migration20261129200000). Read with SQL
 * (item-counts.ts), written by imports (src/ingest/search-counts.ts); declared so that MikroORM's
 * schema diff knows the table.
 */
@Entity({ tableName: 'search_bigram_total' })
export class SearchBigramTotal {
  @PrimaryKey({ type: 'text' })
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
 * (`bigrams[i]`, its category, `kinds[i]`).
 */
@Entity({ tableName: 'search_bigram_change' })
export class SearchBigramChange {
  @PrimaryKey({ type: 'uuid', defaultRaw: 'gen_random_uuid()' })
  id!: string;

  @Property({ type: 'text[]' })
  bigrams!: string[];

  /** The categories of the entries, each once. */
  @Property({ type: 'uuid[]' })
  categories!: string[];

  /** Entry i's category: `categories[entryCategories[i]]` (from 1). */
  @Property({ type: 'smallint[]' })
  entryCategories!: number[];

  @Enum({ items: () => ItemKind, nativeEnumName: 'item_kind', array: true })
  kinds!: ItemKind[];

  @Property({ type: 'int[]' })
  items!: number[];
}
