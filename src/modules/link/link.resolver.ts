import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { referenced, required } from '../common/required';
import { Department } from '../department/department.entity';
import { Item } from '../item/item.entity';
import { Link } from './link.entity';

@Resolver(() => Link)
export class LinkResolver {
  @FieldResolver(() => Department)
  department(@Root() link: Link, @Ctx() context: Context): Department | Promise<Department> {
    // An item's links come with their departments (linksByItem); a department's, with its id.
    return referenced(link.department, Department, context.loaders.department);
  }

  @FieldResolver(() => Item)
  async item(@Root() link: Link, @Ctx() context: Context): Promise<Item> {
    return required(await context.loaders.item.load(link.item.id));
  }
}
