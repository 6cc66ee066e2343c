import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { badUserInput } from '../../graphql/errors';
import { removeSpace } from '../../ingest/html-text';
import { LookupArgs, lookupKey } from '../common/lookup';
import { ItemConnectionArgs } from '../item/item.inputs';
import { ItemConnection, itemConnection } from '../item/item-connection';
import { Town } from './town.entity';
import { TownRepository } from './town.repository';

@Resolver(() => Town)
export class TownResolver {
  @Query(() => [Town], { description: 'All towns, by prefecture, county and name' })
  towns(@Ctx() { sql }: Context): Promise<Town[]> {
    return new TownRepository(sql).all();
  }

  @Query(() => Town, {
    nullable: true,
    description:
      'By id, or by name: 托里镇, 托里县托里镇 or 塔城地区托里县托里镇 (a bare name shared by two towns is refused)',
  })
  async town(@Args() args: LookupArgs, @Ctx() context: Context): Promise<Town | null> {
    const key = lookupKey(args);
    if ('id' in key) return context.loaders.town.load(key.id);
    const name = removeSpace(key.name);
    const matches = await new TownRepository(context.sql).byName(name);
    if (matches.length > 1) {
      throw badUserInput(`${name} names more than one town; add its county (e.g. 托里县${name})`, 'name');
    }
    return matches[0] ?? null;
  }

  @FieldResolver(() => ItemConnection)
  async items(
    @Root() town: Town,
    @Args() args: ItemConnectionArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return itemConnection(context, { by: 'town', id: town.id }, args, info);
  }
}
