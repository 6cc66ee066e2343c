import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../../graphql/context';
import { connectionTypes, toConnection } from '../common/pagination';
import { selectedFields, selectsField } from '../common/selection';
import { Item } from './item.entity';
import type { ItemConnectionArgs } from './item.inputs';
import { itemPageQuery } from './item-page-query';
import { slicePage } from './item-slices';
import type { ParentScope } from './parent-scope';

export const ItemConnection = connectionTypes(Item, 'Item');

/**
 * `items` of any scope, top-level or nested: one filter compiler, one pagination, one batch. The
 * total is counted only when the selection (`info`) asks for `totalCount`, and the items' longest
 * texts read only when it asks for them.
 */
export async function itemConnection(
  context: Context,
  scope: { by: 'all' } | (ParentScope & { id: string }),
  args: ItemConnectionArgs,
  info: GraphQLResolveInfo,
) {
  const nodes = selectedFields(info, ['nodes']);
  const edgeNodes = selectedFields(info, ['edges', 'node']);
  const query = itemPageQuery(args, {
    total: selectsField(info, 'totalCount'),
    property: (name) => nodes.has(name) || edgeNodes.has(name),
  });
  if (scope.by === 'all') {
    // The total is the slice's counts per kind, summed, which facets(filter) shares.
    return toConnection(await slicePage(context.loaders.itemSlices, query));
  }
  const { id, ...parent } = scope;
  return toConnection(await context.loaders.itemPages({ scope: parent, query }).load(id));
}
