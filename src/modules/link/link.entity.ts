import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { Relation } from '../common/enums';
import { stableId } from '../common/stable-id';
import { Department } from '../department/department.entity';
import { Item } from '../item/item.entity';

/**
 * A department's part in an item: it shares (配合) or reclaimed (收回) it. An entity, so that
 * another subgraph can attach its data to this department's part of this duty.
 */
@ObjectType({ simpleResolvers: true, description: "A department's part in an item" })
@Directive('@key(fields: "id")')
@CacheAgeOfParent()
@Entity({ tableName: 'link' })
@Unique({ properties: ['item', 'department'] })
@Index({ properties: ['department', 'relation'] })
export class Link {
  @Field(() => ID, { description: "Stable: derived from the item's id and the department's, kept through revisions" })
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Item, { ref: true, deleteRule: 'cascade' })
  item!: Ref<Item>;

  /** Read objects hold the department itself: every statement reading links joins it (link.loaders.ts). */
  @Field(() => Department)
  @ManyToOne(() => Department, { ref: true })
  department!: Ref<Department>;

  @Field(() => Relation)
  @Enum({ items: () => Relation, nativeEnumName: 'relation' })
  relation!: Relation;

  /** The department's place among the row's departments (the lead department first). */
  @Property({ type: 'smallint' })
  position!: number;

  @Field(() => [String], { description: "This department's own part of 上级部门职责 / 工作方式, as ordered steps" })
  @Property({ type: 'text[]', default: '{}' })
  responsibilities: string[] = [];

  static idFor(itemId: string, departmentId: string): string {
    return stableId('Link', itemId, departmentId);
  }
}
