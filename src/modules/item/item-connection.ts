import type { Context } from '../../context';
import { connectionTypes, toConnection } from '../common/pagination';
import { Item } from './item.entity';
import type { ItemConnectionArgs } from './item.inputs';
import { ItemRepository, itemPageQuery, type ParentScope } from './item.repository';
import { totalOf } from './item-counts';

export const ItemConnection = connectionTypes(Item, 'Item');

/** `items` of any scope, top-level or nested: one filter compiler, one pagination, one batch. */
export async function itemConnection(
  context: Context,
  scope: { by: 'all' } | (ParentScope & { id: string }),
  args: ItemConnectionArgs,
) {
  const query = itemPageQuery(args);
  if (scope.by === 'all') {
    // The total is the slice's counts per kind, summed: shared with facets(filter) in the request.
    const total = context.loaders.itemCountsByKind.load(query.filter ?? {}).then(totalOf);
    return toConnection(await new ItemRepository(context.sql).page(query, total));
  }
  const { id, ...parent } = scope;
  return toConnection(await context.loaders.itemPages({ scope: parent, query }).load(id));
}
