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
    let id = idsByName.get(name);
    if (id === undefined) {
      if (idsByName.size >= MOST_NAMES) idsByName.clear();
      id = stableId('Category', name);
      idsByName.set(name, id);
    }
    return id;
  }
}

// Filters name categories on every request (`categoryNames`), and a UUID v5 is a SHA-1 each time
// (0.7% of a slice's CPU). The names come from clients, so the memo is bounded: full, it starts again.
const idsByName = new Map<string, string>();
const MOST_NAMES = 1000;
