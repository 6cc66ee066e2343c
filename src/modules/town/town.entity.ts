import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { stableId } from '../common/stable-id';

/** A town (乡镇) or street office (街道) that publishes its three lists. */
@ObjectType({ simpleResolvers: true, description: 'A town (乡镇) or street office (街道)' })
@Directive('@key(fields: "id")')
@CacheAgeOfParent()
@Entity({ tableName: 'town' })
@Unique({ properties: ['prefecture', 'county', 'name'] })
export class Town {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Field(() => String, { description: '托里镇' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { description: 'County-level division, e.g. 托里县' })
  @Property({ type: 'text' })
  county!: string;

  @Field(() => String, { description: 'Prefecture-level division, e.g. 塔城地区' })
  @Property({ type: 'text' })
  prefecture!: string;

  /** How towns sort (prefecture, county, name), copied onto items so that pages come from an index. */
  static sortKey(town: Pick<Town, 'prefecture' | 'county' | 'name'>): string {
    return [town.prefecture, town.county, town.name].join('\u001f');
  }

  static idFor(prefecture: string, county: string, name: string): string {
    return stableId('Town', prefecture, county, name);
  }
}
