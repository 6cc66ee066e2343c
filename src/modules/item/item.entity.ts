import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { Category } from '../category/category.entity';
import { ItemKind } from '../common/enums';
import { stableId } from '../common/stable-id';
import { Town } from '../town/town.entity';

/** One row of one of a town's three lists. */
@ObjectType({ simpleResolvers: true, description: "One duty of a town's lists" })
@Directive('@key(fields: "id")')
@CacheAgeOfParent()
@Entity({ tableName: 'item' })
@Unique({ properties: ['town', 'kind', 'number'] })
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
  @Index()
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

  static idFor(townId: string, kind: ItemKind, number: number): string {
    return stableId('Item', townId, kind, number);
  }
}
