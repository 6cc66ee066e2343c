import { Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../context';
import { nameKey } from '../../ingest/department-names';
import { LookupArgs, lookupKey } from '../common/lookup';
import { Department } from '../department/department.entity';
import { ItemConnectionArgs, RelationArgs } from '../item/item.inputs';
import { ItemConnection, itemConnection } from '../item/item-connection';
import { wellFormedIds } from '../item/item-filter';
import { Category } from './category.entity';

@Resolver(() => Category)
export class CategoryResolver {
  @Query(() => [Category], { description: 'All categories, by name' })
  async categories(@Ctx() { em }: Context): Promise<Category[]> {
    const knex = em.getKnex();
    const rows = await knex('category').select('*').orderByRaw('name collate "C"');
    return rows.map((row) => em.map(Category, row));
  }

  @Query(() => Category, { nullable: true })
  async category(@Args() args: LookupArgs, @Ctx() context: Context): Promise<Category | null> {
    const key = lookupKey(args);
    if ('id' in key) return wellFormedIds([key.id]).length ? context.loaders.category.load(key.id) : null;
    return context.em.findOne(Category, { name: nameKey(key.name) });
  }

  @FieldResolver(() => ItemConnection)
  async items(@Root() category: Category, @Args() args: ItemConnectionArgs, @Ctx() context: Context) {
    return itemConnection(context, { by: 'category', id: category.id }, args);
  }

  @FieldResolver(() => [Department], { description: 'Departments linked to items of this category, by name' })
  async departments(@Root() category: Category, @Args() { relation }: RelationArgs, @Ctx() context: Context) {
    const rows = await context.loaders.departmentsByCategory(relation ?? null).load(category.id);
    return rows.map((row) => row.department);
  }
}
