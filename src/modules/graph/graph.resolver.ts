/** Relationship analytics for analysts: partners, paths, slice graphs and their exports. */
import { Arg, Args, ArgsType, Ctx, Field, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { AnalyticsCacheAge } from '../../cache/cache-policy';
import type { Context } from '../../graphql/context';
import { badUserInput, notFound } from '../../graphql/errors';
import { Relation } from '../common/enums';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '../common/pagination';
import { required } from '../common/required';
import { Department } from '../department/department.entity';
import { Item } from '../item/item.entity';
import { ItemFilter } from '../item/item.inputs';
import { checkItemFilter } from '../item/item-filter';
import { buildSliceGraph, type SliceGraph } from './department-graph';
import { GraphRepository } from './graph.repository';
import { CategoryDepartmentMatrix, DepartmentGraphResult, DepartmentPartner, PathStep } from './graph.types';
import { edgesCsv, gexf, graphml, nodesCsv } from './graph-export';

export const MAX_PATH_HOPS = 10;

@ArgsType()
class PartnerArgs {
  @Field(() => Relation, { nullable: true, description: 'Both linked by this relation; any relation when null' })
  relation?: Relation | null;

  @Field(() => Int, {
    nullable: true,
    description: `At most this many, default ${DEFAULT_PAGE_SIZE}, at most ${MAX_PAGE_SIZE}`,
  })
  first?: number | null;
}

@ArgsType()
class SliceArgs {
  @Field(() => ItemFilter, { nullable: true, description: 'The slice of items: a category, a town, a kind …' })
  filter?: ItemFilter | null;

  @Field(() => Relation, { nullable: true, description: 'Only links of this relation; all when null' })
  relation?: Relation | null;
}

@ArgsType()
class GraphArgs extends SliceArgs {
  @Field(() => Int, { defaultValue: 1, description: 'Leave out edges with fewer items in common' })
  minWeight = 1;
}

/** The graph a request asked for, with the slice it was built from for the export fields. */
class SliceGraphResult extends DepartmentGraphResult {
  slice!: SliceGraph;
}

const items = async (ids: string[], context: Context): Promise<Item[]> =>
  (await context.loaders.item.loadMany(ids)).map(required);

@Resolver(() => Department)
export class DepartmentPartnersResolver {
  @AnalyticsCacheAge()
  @FieldResolver(() => [DepartmentPartner], {
    description: 'Departments linked to at least one same item, most items in common first, then by name',
  })
  async partners(@Root() department: Department, @Args() args: PartnerArgs, @Ctx() context: Context) {
    const first = args.first ?? DEFAULT_PAGE_SIZE;
    if (first < 0 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`first must be between 0 and ${MAX_PAGE_SIZE}, got ${first}`, 'first');
    }
    return context.loaders.partnersByDepartment({ relation: args.relation ?? null, first }).load(department.id);
  }
}

@Resolver(() => DepartmentPartner)
export class DepartmentPartnerResolver {
  @FieldResolver(() => [Item], { description: 'The items in common, in the default order' })
  items(@Root() partner: DepartmentPartner, @Ctx() context: Context): Promise<Item[]> {
    return items(partner.itemIds, context);
  }
}

@Resolver(() => PathStep)
export class PathStepResolver {
  @FieldResolver(() => [Item], { description: 'Items shared with the previous step ([] for the first)' })
  items(@Root() step: PathStep, @Ctx() context: Context): Promise<Item[]> {
    return items(step.itemIds, context);
  }
}

@Resolver(() => DepartmentGraphResult)
export class DepartmentGraphResolver {
  @AnalyticsCacheAge()
  @Query(() => [PathStep], {
    nullable: true,
    description:
      'The shortest chain of departments from `from` to `to` where each hop shares an item; null if none within maxHops',
  })
  async departmentPath(
    @Arg('from', () => ID) from: string,
    @Arg('to', () => ID) to: string,
    @Arg('relation', () => Relation, { nullable: true }) relation: Relation | null,
    @Arg('maxHops', () => Int, { defaultValue: 6, description: `At most ${MAX_PATH_HOPS}` }) maxHops: number,
    @Ctx() context: Context,
  ): Promise<PathStep[] | null> {
    if (maxHops < 1 || maxHops > MAX_PATH_HOPS) {
      throw badUserInput(`maxHops must be between 1 and ${MAX_PATH_HOPS}, got ${maxHops}`, 'maxHops');
    }
    const [start, end] = await context.loaders.department.loadMany([from, to]);
    if (!start || start instanceof Error) throw notFound(`no department with id ${from}`, 'from');
    if (!end || end instanceof Error) throw notFound(`no department with id ${to}`, 'to');
    const repository = new GraphRepository(context.sql);
    const path = await repository.shortestPath(start.id, end.id, relation, maxHops);
    if (!path) return null;
    const hops = await repository.itemsBetween(path, relation);
    const departments = (await context.loaders.department.loadMany(path)).map(required);
    return departments.map((department, i) => ({ department, itemIds: i === 0 ? [] : hops[i - 1] }));
  }

  @AnalyticsCacheAge()
  @Query(() => DepartmentGraphResult, {
    description: 'The department network of a slice: nodes with metrics, weighted edges, components, exports',
  })
  async departmentGraph(@Args() args: GraphArgs, @Ctx() context: Context): Promise<SliceGraphResult> {
    checkItemFilter(args.filter);
    if (args.minWeight < 1) throw badUserInput(`minWeight must be at least 1, got ${args.minWeight}`, 'minWeight');
    const slice = await buildSliceGraph(context.sql, args);
    return Object.assign(new SliceGraphResult(), {
      slice,
      nodes: slice.nodes,
      edges: slice.edges,
      components: slice.components,
    });
  }

  @AnalyticsCacheAge()
  @Query(() => CategoryDepartmentMatrix, { description: 'Items per category and department of a slice' })
  async categoryDepartmentMatrix(@Args() args: SliceArgs, @Ctx() context: Context) {
    checkItemFilter(args.filter);
    return new GraphRepository(context.sql).categoryDepartmentMatrix(args.filter, args.relation ?? null);
  }

  @FieldResolver(() => String, { description: 'GraphML 1.0 (yEd, Cytoscape, NetworkX)' })
  graphml(@Root() result: SliceGraphResult): string {
    return graphml(result.slice);
  }

  @FieldResolver(() => String, { description: 'GEXF 1.2 (Gephi)' })
  gexf(@Root() result: SliceGraphResult): string {
    return gexf(result.slice);
  }

  @FieldResolver(() => String, { description: 'Nodes as CSV with a header row' })
  nodesCsv(@Root() result: SliceGraphResult): string {
    return nodesCsv(result.slice);
  }

  @FieldResolver(() => String, { description: 'Edges as CSV with a header row' })
  edgesCsv(@Root() result: SliceGraphResult): string {
    return edgesCsv(result.slice);
  }
}
