/**
 * `facets(filter)`: counts of a slice for a dashboard to draw without fetching items, over the same
 * compiled filter as `items`, so the counts agree with totalCount. `total`, `byKind` and
 * `byDepartment` come in the statement of `items(filter)`'s page where the request asks for both
 * (item-slices.ts); `byCategory` and `byTown` are a statement each.
 */
import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import type { Context } from '../../graphql/context';
import { badUserInput } from '../../graphql/errors';
import { totalOf } from '../aggregates/count-planner';
import { Category } from '../category/category.entity';
import { ItemKind } from '../common/enums';
import { Department } from '../department/department.entity';
import { Town } from '../town/town.entity';
import { DepartmentFacetArgs, FacetArgs, ItemFilter } from './item.inputs';
import { ItemFacetsRepository } from './item-facets.repository';
import { checkItemFilter } from './item-filter';
import { sliceCounts, sliceDepartments } from './item-slices';

@ObjectType({ simpleResolvers: true })
@CacheAgeOfParent()
export class KindCount {
  @Field(() => ItemKind)
  kind!: ItemKind;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
@CacheAgeOfParent()
export class CategoryCount {
  @Field(() => Category)
  category!: Category;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true })
@CacheAgeOfParent()
export class DepartmentCount {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int, { description: 'Items of the slice linked to the department' })
  count!: number;
}

@ObjectType({ simpleResolvers: true })
@CacheAgeOfParent()
export class TownCount {
  @Field(() => Town)
  town!: Town;

  @Field(() => Int)
  count!: number;
}

@ObjectType({
  simpleResolvers: true,
  description:
    'Counts of the items a filter selects. byKind lists all three kinds (zeros included); the other lists hold groups with items, most first, then by name.',
})
@CacheAgeOfParent()
export class ItemFacets {
  constructor(readonly filter: ItemFilter | null) {}
}

@Resolver(() => ItemFacets)
export class ItemFacetsResolver {
  @Query(() => ItemFacets, {
    description: 'Counts of the slice `filter` selects; total equals items(filter).totalCount',
  })
  facets(@Arg('filter', () => ItemFilter, { nullable: true }) filter: ItemFilter | null): ItemFacets {
    checkItemFilter(filter);
    return new ItemFacets(filter);
  }

  @FieldResolver(() => Int)
  async total(@Root() facets: ItemFacets, @Ctx() { loaders }: Context): Promise<number> {
    return totalOf(await countsByKind(loaders, facets));
  }

  @FieldResolver(() => [KindCount])
  async byKind(@Root() facets: ItemFacets, @Ctx() { loaders }: Context): Promise<KindCount[]> {
    const counts = await countsByKind(loaders, facets);
    return [...counts].map(([kind, count]) => ({ kind, count }));
  }

  @FieldResolver(() => [CategoryCount])
  byCategory(
    @Root() facets: ItemFacets,
    @Args() { first }: FacetArgs,
    @Ctx() { sql }: Context,
  ): Promise<CategoryCount[]> {
    return new ItemFacetsRepository(sql).byCategory(facets.filter, checkedFirst(first));
  }

  @FieldResolver(() => [DepartmentCount])
  byDepartment(
    @Root() facets: ItemFacets,
    @Args() { relation, first }: DepartmentFacetArgs,
    @Ctx() { loaders }: Context,
  ): Promise<DepartmentCount[]> {
    const top = { relation: relation ?? null, first: checkedFirst(first) };
    // With the slice's page and counts where the request asks for them (item-slices.ts).
    return sliceDepartments(loaders.itemSlices, facets.filter ?? {}, top);
  }

  @FieldResolver(() => [TownCount])
  byTown(@Root() facets: ItemFacets, @Args() { first }: FacetArgs, @Ctx() { sql }: Context): Promise<TownCount[]> {
    return new ItemFacetsRepository(sql).byTown(facets.filter, checkedFirst(first));
  }
}

/** The slice's counts per kind: with the page of `items(filter)` where the request asks for it. */
function countsByKind(loaders: Context['loaders'], facets: ItemFacets): Promise<Map<ItemKind, number>> {
  return sliceCounts(loaders.itemSlices, facets.filter ?? {});
}

function checkedFirst(first: number | null | undefined): number | null {
  if (first == null) return null;
  if (!Number.isInteger(first) || first < 0) throw badUserInput(`first must not be negative, got ${first}`, 'first');
  return first;
}
