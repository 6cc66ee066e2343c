import { Check, Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The one row of `dataset_generation` (src/cache/dataset-generation.ts). Never loaded through the
 * ORM; declared so that MikroORM's schema diff knows the table. The row itself is the migration's.
 */
@Entity({ tableName: 'dataset_generation' })
@Check({ name: 'dataset_generation_single_row', expression: '"id" = 1' })
export class DatasetGeneration {
  @PrimaryKey({ type: 'smallint', default: 1, autoincrement: false })
  id = 1;

  @Property({ type: 'bigint', default: 0 })
  generation!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  changedAt!: Date;
}
