import { ArgsType, Field, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { ItemKind, Relation } from '../common/enums';
import { PageArgs } from '../common/pagination';

@InputType({
  description:
    'Fields combine with AND, values inside one list with OR; and/or/not compose. An empty list matches nothing.',
})
export class ItemFilter {
  @Field(() => [ItemKind], { nullable: true })
  kinds?: ItemKind[] | null;

  @Field(() => [Int], { nullable: true, description: '序号 values' })
  numbers?: number[] | null;

  @Field(() => [ID], { nullable: true })
  townIds?: string[] | null;

  @Field(() => [ID], { nullable: true })
  categoryIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Category names, white space ignored' })
  categoryNames?: string[] | null;

  @Field(() => [ID], { nullable: true })
  departmentIds?: string[] | null;

  @Field(() => Relation, {
    nullable: true,
    description: 'With departmentIds: linked by that relation; alone: linked to any department by it',
  })
  relation?: Relation | null;

  @Field(() => String, {
    nullable: true,
    description: 'Substring of the name, responsibilities, working method or a linked department name',
  })
  search?: string | null;

  @Field(() => [ItemFilter], { nullable: true })
  and?: ItemFilter[] | null;

  @Field(() => [ItemFilter], { nullable: true })
  or?: ItemFilter[] | null;

  @Field(() => ItemFilter, { nullable: true })
  not?: ItemFilter | null;
}

export enum ItemOrderField {
  TOWN = 'TOWN',
  KIND = 'KIND',
  NUMBER = 'NUMBER',
  NAME = 'NAME',
  CATEGORY = 'CATEGORY',
}

export enum SortDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(ItemOrderField, {
  name: 'ItemOrderField',
  description: 'TOWN sorts by prefecture, county, town name; KIND in list order (BASIC, COOPERATIVE, RECLAIMED)',
});
registerEnumType(SortDirection, { name: 'SortDirection' });

@InputType()
export class ItemOrder {
  @Field(() => ItemOrderField)
  field!: ItemOrderField;

  @Field(() => SortDirection, { defaultValue: SortDirection.ASC })
  direction: SortDirection = SortDirection.ASC;
}

/** filter, orderBy, first/after, last/before: what every item connection takes. */
@ArgsType()
export class ItemConnectionArgs extends PageArgs {
  @Field(() => ItemFilter, { nullable: true })
  filter?: ItemFilter | null;

  @Field(() => [ItemOrder], {
    nullable: true,
    description:
      'Default: town, kind, number. Ties are broken by id in the direction of the last key, so the order is total.',
  })
  orderBy?: ItemOrder[] | null;
}

@ArgsType()
export class RelationArgs {
  @Field(() => Relation, { nullable: true, description: 'Only links of this relation; all when null' })
  relation?: Relation | null;
}

@ArgsType()
export class FacetArgs {
  @Field(() => Int, {
    nullable: true,
    description: 'At most this many, the largest counts first (a top N over many towns); all when null',
  })
  first?: number | null;
}

@ArgsType()
export class DepartmentFacetArgs extends FacetArgs {
  @Field(() => Relation, { nullable: true, description: 'Only links of this relation; all when null' })
  relation?: Relation | null;
}

@ArgsType()
export class DepartmentItemsArgs extends ItemConnectionArgs {
  @Field(() => Relation, { nullable: true, description: 'Only items the department is linked to by this relation' })
  relation?: Relation | null;
}
