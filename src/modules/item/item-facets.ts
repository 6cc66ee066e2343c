/**
 * `facets(filter)`: counts of a slice for a dashboard to draw without fetching items, over the same
 * compiled filter as `items`, so the counts agree with totalCount. `total`, `byKind` and
 * `byDepartment` come in the statement of `items(filter)`'s page where the request asks for both
 * (item-slices.ts); `byCategory` and `byTown` are a statement each.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { Arg, Args, Ctx, Field, FieldResolver, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import type { Context } from '../../graphql/context';
import { badUserInput } from '../../graphql/errors';
import { type CountSource, countSource, totalOf } from '../aggregates/count-planner';
import { Category } from '../category/category.entity';
import { ItemKind } from '../common/enums';
import { Department } from '../department/department.entity';
import { Town } from '../town/town.entity';
import { DepartmentFacetArgs, FacetArgs, ItemFilter } from './item.inputs';
import { applyItemFilter, checkItemFilter } from './item-filter';
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
  async byCategory(
    @Root() facets: ItemFacets,
    @Args() { first }: FacetArgs,
    @Ctx() { sql }: Context,
  ): Promise<CategoryCount[]> {
    const source = countSource(facets.filter);
    const query = top(
      groupedBy(sql.knex, source, facets.filter, 'category as c', 'category_id', 'c.name collate "C"'),
      first,
    );
    const rows = await sql.query<Record<string, unknown> & { count: number }>('itemFacetsByCategory', query);
    return rows.map((row) => ({ category: sql.model(Category).fromRow(row), count: row.count }));
  }

  @FieldResolver(() => [DepartmentCount])
  async byDepartment(
    @Root() facets: ItemFacets,
    @Args() { relation, first }: DepartmentFacetArgs,
    @Ctx() { sql, loaders }: Context,
  ): Promise<DepartmentCount[]> {
    const top = { relation: relation ?? null, first: checkedFirst(first) };
    // With the slice's page and counts where the request asks for them (item-slices.ts).
    const rows = await sliceDepartments(loaders.itemSlices, facets.filter ?? {}, top);
    return rows.map((row) => ({ department: sql.model(Department).fromRow(row), count: row.item_count }));
  }

  @FieldResolver(() => [TownCount])
  async byTown(
    @Root() facets: ItemFacets,
    @Args() { first }: FacetArgs,
    @Ctx() { sql }: Context,
  ): Promise<TownCount[]> {
    const source = countSource(facets.filter, { perTown: true });
    const townOrder = 't.prefecture collate "C", t.county collate "C", t.name collate "C"';
    const query = top(groupedBy(sql.knex, source, facets.filter, 'town as t', 'town_id', townOrder), first);
    const rows = await sql.query<Record<string, unknown> & { count: number }>('itemFacetsByTown', query);
    return rows.map((row) => ({ town: sql.model(Town).fromRow(row), count: row.count }));
  }
}

/** The slice's counts per kind: with the page of `items(filter)` where the request asks for it. */
function countsByKind(loaders: Context['loaders'], facets: ItemFacets): Promise<Map<ItemKind, number>> {
  return sliceCounts(loaders.itemSlices, facets.filter ?? {});
}

/** The first `first` rows of an ordered count; all when null. */
function top(query: Knex.QueryBuilder, first: number | null | undefined): Knex.QueryBuilder {
  const limit = checkedFirst(first);
  return limit == null ? query : query.limit(limit, { skipBinding: true });
}

function checkedFirst(first: number | null | undefined): number | null {
  if (first == null) return null;
  if (!Number.isInteger(first) || first < 0) throw badUserInput(`first must not be negative, got ${first}`, 'first');
  return first;
}

/**
 * The slice's items counted per row of `table` (by its id) they point to, most first, then by
 * `nameOrder`. Counted first, joined after: joining each of the 444,000 per-town counts of all
 * items to its town before summing took a third of `byTown`'s 56 ms at 10,000 towns.
 */
function groupedBy(
  knex: Knex,
  source: CountSource,
  filter: ItemFilter | null,
  table: string,
  itemColumn: string,
  nameOrder: string,
) {
  const alias = table.split(' as ')[1];
  const counts = knex(source.table)
    .select(`${source.alias}.${itemColumn} as id`, knex.raw(`${source.count} as count`))
    .groupBy(`${source.alias}.${itemColumn}`);
  applyItemFilter(counts, filter, source.alias);
  return knex
    .from(counts.as('s'))
    .join(table, `${alias}.id`, 's.id')
    .select(`${alias}.*`, 's.count')
    .orderByRaw(`s.count desc, ${nameOrder}`);
}
