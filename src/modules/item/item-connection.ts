import type { Context } from '../../context';
import { connectionTypes, type Page, toConnection } from '../common/pagination';
import { Item } from './item.entity';
import type { ItemConnectionArgs } from './item.inputs';
import { itemPageQuery, type ParentScope } from './item.repository';

export const ItemConnection = connectionTypes(Item, 'Item');

/** `items` of any scope, top-level or nested: one filter compiler, one pagination, one batch. */
export async function itemConnection(
  context: Context,
  scope: { by: 'all' } | (ParentScope & { id: string }),
  args: ItemConnectionArgs,
) {
  const query = itemPageQuery(args);
  if (scope.by === 'all') {
    // The total is the slice's counts per kind, summed, which facets(filter) shares.
    const { page } = await context.loaders.itemSlices.load({ filter: query.filter ?? {}, page: query });
    // Asked with a page, a slice comes back with it.
    return toConnection(page as Page<Item>);
  }
  const { id, ...parent } = scope;
  return toConnection(await context.loaders.itemPages({ scope: parent, query }).load(id));
}
