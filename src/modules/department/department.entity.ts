import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { stableId } from '../common/stable-id';

/** A county (or higher) department; held once and linked to the items of every town. */
@ObjectType({ simpleResolvers: true, description: 'A county or higher department, linked to the items of every town' })
@Directive('@key(fields: "id")')
@Directive('@key(fields: "name")')
@CacheAgeOfParent()
@Entity({ tableName: 'department' })
export class Department {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /**
   * Unique by the primary key, the id being the name's UUID v5; a second unique constraint, on the
   * name, would fail concurrent imports of one county's towns that insert the same new department
   * (`on conflict (id)` settles the primary key only).
   */
  @Field(() => String, { description: 'Canonical name, white space removed' })
  @Index()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => [String], { description: 'Second names, e.g. 托里县监察委员会 for 托里县纪律检查委员会' })
  // Lookups by alias use `aliases @> array[$1]`.
  @Index({ name: 'department_aliases_index', type: 'gin' })
  @Property({ type: 'text[]', default: '{}' })
  aliases: string[] = [];

  /**
   * The name the hub files the department under, whatever name a reference used: through a
   * gateway, `name` keeps the value of the key another subgraph sent (an alias, perhaps); this does
   * not. Another subgraph can `@requires` it (and `aliases`) to match what it stored.
   */
  @Field(() => String, { description: 'The canonical name, whichever name (or alias) the department was asked by' })
  get canonicalName(): string {
    return this.name;
  }

  static idFor(name: string): string {
    return stableId('Department', name);
  }
}
