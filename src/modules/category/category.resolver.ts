import type { GraphQLResolveInfo } from 'graphql';
import { Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { LookupArgs, lookupKey } from '../common/lookup';
import { Department } from '../department/department.entity';
import { ItemConnectionArgs, RelationArgs } from '../item/item.inputs';
import { ItemConnection, itemConnection } from '../item/item-connection';
import { Category } from './category.entity';
import { CategoryRepository } from './category.repository';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'All categories, by name' })
  categories(@Ctx() { sql }: Context): Promise<Category[]> {
    return new CategoryRepository(sql).all();
  }

  @Query(() => Category, { nullable: true })
  async category(@Args() args: LookupArgs, @Ctx() context: Context): Promise<Category | null> {
    const key = lookupKey(args);
    return 'id' in key ? context.loaders.category.load(key.id) : context.loaders.categoryByName.load(key.name);
  }

  @FieldResolver(() => ItemConnection)
  async items(
    @Root() category: Category,
    @Args() args: ItemConnectionArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return itemConnection(context, { by: 'category', id: category.id }, args, info);
  }

  @FieldResolver(() => [Department], { description: 'Departments linked to items of this category, by name' })
  async departments(@Root() category: Category, @Args() { relation }: RelationArgs, @Ctx() context: Context) {
    const rows = await context.loaders.departmentsByCategory(relation ?? null).load(category.id);
    return rows.map((row) => row.department);
  }
}
