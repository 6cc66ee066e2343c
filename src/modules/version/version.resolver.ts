import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context';
import { badUserInput } from '../../graphql/errors';
import { type DutyState, diffStates, type StateDiff } from '../../ingest/duty-state';
import { ItemKind } from '../common/enums';
import { required } from '../common/required';
import { Item } from '../item/item.entity';
import { ItemConnectionArgs } from '../item/item.inputs';
import { ItemConnection, itemConnection } from '../item/item-connection';
import { Town } from '../town/town.entity';
import { TownVersion } from './town-version.entity';
import { ItemChange, ItemPair, TownComparison, VersionChanges } from './version.types';
import { compareStates, historyOf } from './version-diff';

function changesOf(diff: StateDiff): VersionChanges {
  return Object.assign(new VersionChanges(), {
    added: diff.added.map(ItemChange.of),
    removed: diff.removed.map(ItemChange.of),
    changed: diff.changed.map(ItemChange.of),
  });
}

/** The duties of two versions of a town (null for none: before version 1), in one batch. */
async function statesOf(context: Context, versions: (TownVersion | null)[]): Promise<DutyState[][]> {
  const ids = versions.map((version) => version?.id ?? null);
  const loaded = await context.loaders.versionStates.loadMany(ids.filter((id): id is string => id !== null));
  let next = 0;
  return ids.map((id) => {
    if (id === null) return [];
    const states = loaded[next++];
    if (states instanceof Error) throw states;
    return states ?? [];
  });
}

@Resolver(() => TownVersion)
export class TownVersionResolver {
  @FieldResolver(() => Town)
  async town(@Root() version: TownVersion, @Ctx() context: Context): Promise<Town> {
    return required(await context.loaders.town.load(version.town.id));
  }

  @FieldResolver(() => VersionChanges, { description: 'Against the version before it (all added for version 1)' })
  async changes(@Root() version: TownVersion, @Ctx() context: Context): Promise<VersionChanges> {
    const previous =
      version.number > 1 ? ({ id: TownVersion.idFor(version.town.id, version.number - 1) } as TownVersion) : null;
    const [before, after] = await statesOf(context, [previous, version]);
    return changesOf(diffStates(before, after));
  }

  @FieldResolver(() => ItemConnection, {
    description: 'Its items as that version listed them, as Town.items pages them',
  })
  async items(
    @Root() version: TownVersion,
    @Args() args: ItemConnectionArgs,
    @Ctx() context: Context,
    @Info() info: GraphQLResolveInfo,
  ) {
    return itemConnection(context, { by: 'version', id: version.id }, args, info);
  }
}

@Resolver(() => Town)
export class TownVersionsResolver {
  @FieldResolver(() => [TownVersion], { description: 'Its versions, newest first' })
  versions(@Root() town: Town, @Ctx() context: Context): Promise<TownVersion[]> {
    return context.loaders.versionsByTown.load(town.id);
  }

  @FieldResolver(() => TownVersion, {
    nullable: true,
    description: 'One of its versions; null if it has none of that number',
  })
  async version(
    @Root() town: Town,
    @Arg('number', () => Int) number: number,
    @Ctx() context: Context,
  ): Promise<TownVersion | null> {
    const versions = await context.loaders.versionsByTown.load(town.id);
    return versions.find((version) => version.number === number) ?? null;
  }
}

@Resolver(() => Item)
export class ItemHistoryResolver {
  @FieldResolver(() => [ItemChange], { description: 'Oldest first, one entry per version that changed it' })
  async history(@Root() item: Item, @Ctx() context: Context): Promise<ItemChange[]> {
    return historyOf((await context.loaders.itemStates.load(item.id)) ?? []).map(ItemChange.of);
  }
}

@Resolver()
export class VersionQueryResolver {
  @Query(() => VersionChanges, { description: "What changed from version `from` to version `to` of a town's lists" })
  async townDiff(
    @Arg('town', () => ID) townId: string,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int) to: number,
    @Ctx() context: Context,
  ): Promise<VersionChanges> {
    const town = await context.loaders.town.load(townId);
    if (!town) throw badUserInput(`no town has the id ${townId}`, 'town');
    const versions = await context.loaders.versionsByTown.load(town.id);
    const find = (number: number, argument: string) => {
      const found = versions.find((version) => version.number === number);
      if (!found) throw badUserInput(`${town.name} has no version ${number} (it has ${versions.length})`, argument);
      return found;
    };
    const [before, after] = await statesOf(context, [find(from, 'from'), find(to, 'to')]);
    return changesOf(diffStates(before, after));
  }

  @Query(() => TownComparison, { description: "Two towns' current items matched within a kind by name" })
  async compareTowns(
    @Arg('a', () => ID) a: string,
    @Arg('b', () => ID) b: string,
    @Arg('kinds', () => [ItemKind], { nullable: true }) kinds: ItemKind[] | null,
    @Ctx() context: Context,
  ): Promise<TownComparison> {
    const [townA, townB] = await Promise.all([context.loaders.town.load(a), context.loaders.town.load(b)]);
    if (!townA) throw badUserInput(`no town has the id ${a}`, 'a');
    if (!townB) throw badUserInput(`no town has the id ${b}`, 'b');
    const [statesA, statesB] = await Promise.all([
      context.loaders.townStates.load(townA.id),
      context.loaders.townStates.load(townB.id),
    ]);
    const comparison = compareStates(statesA ?? [], statesB ?? [], kinds);
    const item = async (state: DutyState) => required(await context.loaders.item.load(state.id));
    return Object.assign(new TownComparison(), {
      a: townA,
      b: townB,
      onlyA: await Promise.all(comparison.onlyA.map(item)),
      onlyB: await Promise.all(comparison.onlyB.map(item)),
      both: await Promise.all(
        comparison.both.map(async (pair) =>
          Object.assign(new ItemPair(), { a: await item(pair.a), b: await item(pair.b), fields: pair.fields }),
        ),
      ),
    });
  }
}
