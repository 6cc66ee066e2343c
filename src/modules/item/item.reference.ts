import type { Context } from '../../context';
import type { Item } from './item.entity';

/** `_entities` for `Item @key(fields: "id")`, batched with every other reference of the request. */
export function resolveItemReference(reference: Pick<Item, 'id'>, context: Context): Promise<Item | null> {
  return context.loaders.item.load(reference.id);
}
