import { Entity, Enum, PrimaryKey } from '@mikro-orm/core';
import { Relation } from '../common/enums';
import { CountPerCategoryKind } from './item-count.entity';

/**
 * Items two departments share, per category and kind over all towns, the smaller id first: the
 * edges of slice graphs (department-graph.ts). Written by imports
 * (src/modules/aggregates/town-counts.ts).
 */
@Entity({ tableName: 'department_pair_total' })
export class DepartmentPairTotal extends CountPerCategoryKind {
  @PrimaryKey({ type: 'uuid' })
  sourceId!: string;

  @PrimaryKey({ type: 'uuid' })
  targetId!: string;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  sourceRelation!: Relation;

  @Enum({ items: () => Relation, nativeEnumName: 'relation', primary: true })
  targetRelation!: Relation;
}
