/** The answers about versions and comparisons that are no table's rows: states, changes, pairs. */
import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { DutyState, StateChange } from '../../ingest/duty-state';
import { ItemKind } from '../common/enums';
import { Item } from '../item/item.entity';
import { Town } from '../town/town.entity';

@ObjectType({ simpleResolvers: true, description: 'A duty as one version lists it' })
export class ItemState {
  @Field(() => Int)
  number!: number;

  @Field(() => String)
  name!: string;

  @Field(() => String, { description: "The category's name" })
  category!: string;

  @Field(() => [String], { description: "The departments' canonical names, the lead department first" })
  departments!: string[];

  @Field(() => [String])
  townResponsibilities!: string[];

  @Field(() => String, { nullable: true })
  workingMethod!: string | null;

  @Field(() => Boolean)
  discontinued!: boolean;

  static of(state: DutyState | null): ItemState | null {
    if (!state) return null;
    return Object.assign(new ItemState(), {
      number: state.number,
      name: state.name,
      category: state.category,
      departments: state.links.map((link) => link.department),
      townResponsibilities: state.townResponsibilities,
      workingMethod: state.workingMethod,
      discontinued: state.discontinued,
    });
  }
}

@ObjectType({ simpleResolvers: true, description: 'How a duty changed between two versions' })
export class ItemChange {
  @Field(() => ItemKind)
  kind!: ItemKind;

  @Field(() => ID, { description: "The duty's id, the same in both versions where it continues" })
  itemId!: string;

  @Field(() => ItemState, { nullable: true, description: 'Null where added' })
  before!: ItemState | null;

  @Field(() => ItemState, { nullable: true, description: 'Null where removed' })
  after!: ItemState | null;

  @Field(() => [String], {
    description:
      'What differs: number, name, category, departments, responsibilities, townResponsibilities, workingMethod, discontinued',
  })
  fields!: string[];

  static of(change: StateChange): ItemChange {
    return Object.assign(new ItemChange(), {
      kind: change.kind,
      itemId: change.itemId,
      before: ItemState.of(change.before),
      after: ItemState.of(change.after),
      fields: change.fields,
    });
  }
}

@ObjectType({ simpleResolvers: true, description: 'What changed between two versions, each list by kind and number' })
export class VersionChanges {
  @Field(() => [ItemChange])
  added!: ItemChange[];

  @Field(() => [ItemChange])
  removed!: ItemChange[];

  @Field(() => [ItemChange])
  changed!: ItemChange[];
}

@ObjectType({ simpleResolvers: true, description: "Two towns' duties of one kind and one name" })
export class ItemPair {
  @Field(() => Item)
  a!: Item;

  @Field(() => Item)
  b!: Item;

  @Field(() => [String], { description: 'What differs, as in ItemChange (the number left out)' })
  fields!: string[];
}

@ObjectType({ simpleResolvers: true, description: "Two towns' current items matched within a kind by name" })
export class TownComparison {
  @Field(() => Town)
  a!: Town;

  @Field(() => Town)
  b!: Town;

  @Field(() => [Item])
  onlyA!: Item[];

  @Field(() => [Item])
  onlyB!: Item[];

  @Field(() => [ItemPair])
  both!: ItemPair[];
}
