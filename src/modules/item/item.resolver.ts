import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { required } from '../common/required';
import { selectsField } from '../common/selection';
import { Department } from '../department/department.entity';
import { Link } from '../link/link.entity';
import { linksOfItem } from '../link/link.loaders';
import { Town } from '../town/town.entity';
import { Item } from './item.entity';
import { ItemConnectionArgs, RelationArgs } from './item.inputs';
import { ItemConnection, itemConnection } from './item-connection';

@Resolver(() => Item)
export class ItemResolver {
  @Query(() => Item, { nullable: true, description: 'An item by id; null if unknown' })
  async item(@Arg('id', () => ID) id: string, @Ctx() context: Context): Promise<Item | null> {
    return context.loaders.item.load(id);
  }

  @Query(() => ItemConnection, { description: 'Items of all towns; default order town, kind, number' })
  async items(@Args() args: ItemConnectionArgs, @Ctx() context: Context, @Info() info: GraphQLResolveInfo) {
    return itemConnection(context, { by: 'all' }, args, info);
  }

  @FieldResolver(() => Town)
  async town(@Root() item: Item, @Ctx() context: Context): Promise<Town> {
    return required(await context.loaders.town.load(item.town.id));
  }

  @FieldResolver(() => [Link], { description: 'Departments linked to the item, the lead department first' })
  links(@Root() item: Item, @Ctx() context: Context, @Info() info: GraphQLResolveInfo): Promise<Link[]> {
    return linksOfItem(context.loaders, item, selectsField(info, 'responsibilities'));
  }

  @FieldResolver(() => [Department])
  async departments(@Root() item: Item, @Args() { relation }: RelationArgs, @Ctx() context: Context) {
    // linksByItem joins each link's department; their responsibilities are not needed here.
    const links = await linksOfItem(context.loaders, item, false);
    return links
      .filter((link) => !relation || link.relation === relation)
      .map((link) => link.department as unknown as Department);
  }
}
