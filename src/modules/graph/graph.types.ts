import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CacheAgeOfParent } from '../../cache/cache-policy';
import { Category } from '../category/category.entity';
import { Department } from '../department/department.entity';

@ObjectType({ simpleResolvers: true, description: 'A department linked to at least one same item as another' })
@CacheAgeOfParent()
export class DepartmentPartner {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int, { description: 'Items in common' })
  weight!: number;

  /** Ids of the items in common, in the default item order. */
  itemIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'One department of a path' })
@CacheAgeOfParent()
export class PathStep {
  @Field(() => Department)
  department!: Department;

  /** Ids of the items shared with the previous step ([] for the first). */
  itemIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'A department in a slice graph, with its metrics' })
@CacheAgeOfParent()
export class DepartmentNode {
  @Field(() => Department)
  department!: Department;

  @Field(() => Int, { description: 'Departments it shares an item with in the slice' })
  degree!: number;

  @Field(() => Int, { description: 'Sum of the weights of its edges' })
  weightedDegree!: number;

  @Field(() => Int, { description: 'Items of the slice it is linked to' })
  itemCount!: number;

  @Field(() => Float, { description: 'Betweenness centrality (unweighted shortest paths, not normalised)' })
  betweenness!: number;

  @Field(() => Int, { description: 'Louvain community, numbered from 0 by size, largest first' })
  community!: number;

  @Field(() => Int, { description: 'Connected component, numbered from 0 by size, largest first' })
  component!: number;
}

@ObjectType({ simpleResolvers: true, description: 'Two departments of a slice sharing `weight` items' })
@CacheAgeOfParent()
export class DepartmentGraphEdge {
  @Field(() => Department)
  source!: Department;

  @Field(() => Department)
  target!: Department;

  @Field(() => Int)
  weight!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Items per category (rows) and department (columns) of a slice, for heatmaps',
})
@CacheAgeOfParent()
export class CategoryDepartmentMatrix {
  @Field(() => [Category], { description: 'Rows, by name' })
  categories!: Category[];

  @Field(() => [Department], { description: 'Columns, by name' })
  departments!: Department[];

  @Field(() => [[Int]], { description: 'counts[i][j]: items of categories[i] linked to departments[j]' })
  counts!: number[][];
}

@ObjectType('DepartmentGraph', {
  simpleResolvers: true,
  description: 'The department network of a slice of items, with exports',
})
@CacheAgeOfParent()
export class DepartmentGraphResult {
  @Field(() => [DepartmentNode], { description: 'By name' })
  nodes!: DepartmentNode[];

  @Field(() => [DepartmentGraphEdge], { description: 'Heaviest first, then by names' })
  edges!: DepartmentGraphEdge[];

  @Field(() => [[ID]], { description: 'Connected components as department ids, largest first' })
  components!: string[][];
}
