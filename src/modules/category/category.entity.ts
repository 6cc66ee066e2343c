import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { stableId } from '../common/stable-id';

/** 事项类别: shared by all towns. */
@ObjectType({ simpleResolvers: true, description: 'A category of duties (事项类别), shared by all towns' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "name")')
@CacheAgeOfParent()
@Entity({ tableName: 'category' })
export class Category {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String)
  @Property({ type: 'text', unique: true })
  name!: string;

  static idFor(name: string): string {
    return stableId('Category', name);
  }
}
