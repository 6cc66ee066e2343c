import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { LookupArgs, lookupKey } from '../common/lookup';
import { connectionTypes, PageArgs, toConnection } from '../common/pagination';
import { DepartmentItemsArgs, RelationArgs } from '../item/item.inputs';
import { ItemConnection, itemConnection } from '../item/item-connection';
import { Link } from '../link/link.entity';
import { Department } from './department.entity';
import { DepartmentRepository } from './department.repository';

export const DepartmentConnection = connectionTypes(Department, 'Department');

@Resolver(() => Department)
export class DepartmentResolver {
  @Query(() => Department, {
    nullable: true,
    description: 'By id, or by canonical name or alias (white space ignored); null if unknown',
  })
  async department(@Args() args: LookupArgs, @Ctx() context: Context): Promise<Department | null> {
    const key = lookupKey(args);
    return 'id' in key ? context.loaders.department.load(key.id) : context.loaders.departmentByName.load(key.name);
  }

  @Query(() => DepartmentConnection, { description: 'Departments by name; search matches names and aliases' })
  async departments(
    @Arg('search', () => String, { nullable: true }) search: string | null,
    @Args() page: PageArgs,
    @Ctx() context: Context,
  ) {
    return toConnection(await new DepartmentRepository(context.sql).page(search, page));
  }

  @FieldResolver(() => ItemConnection, { description: 'Items the department shares or reclaimed, in all towns' })
  async items(
    @Root() department: Department,
    @Args() args: DepartmentItemsArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    const { relation, ...connectionArgs } = args;
    return itemConnection(
      context,
      { by: 'department', relation: relation ?? null, id: department.id },
      connectionArgs,
      info,
    );
  }

  @FieldResolver(() => Int, {
    description:
      "Items it shares (SHARED) or reclaimed (RECLAIMED), either when null: `items(relation:)`'s totalCount without a page",
  })
  async itemCount(@Root() department: Department, @Args() { relation }: RelationArgs, @Ctx() context: Context) {
    const counts = await context.loaders.departmentItemCounts.load(department.id);
    if (relation) return counts.get(relation) ?? 0;
    let total = 0;
    for (const count of counts.values()) total += count;
    return total;
  }

  @FieldResolver(() => [Link], { description: 'Its links, in the default item order' })
  async links(@Root() department: Department, @Args() { relation }: RelationArgs, @Ctx() context: Context) {
    return context.loaders.linksByDepartment(relation ?? null).load(department.id);
  }
}
