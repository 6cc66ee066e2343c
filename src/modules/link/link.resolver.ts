import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { required } from '../common/required';
import { Item } from '../item/item.entity';
import { Link } from './link.entity';

@Resolver(() => Link)
export class LinkResolver {
  @FieldResolver(() => Item)
  async item(@Root() link: Link, @Ctx() context: Context): Promise<Item> {
    return required(await context.loaders.item.load(link.item.id));
  }
}
