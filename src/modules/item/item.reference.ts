import type { Context } from '../../graphql/context';
import { referenceKey } from '../common/lookup';
import type { Item } from './item.entity';

/** `_entities` for `Item @key(fields: "id")`, batched with every other reference of the request. */
export function resolveItemReference(reference: Record<string, unknown>, context: Context): Promise<Item | null> {
  return context.loaders.item.load(referenceKey(reference, ['id']).value);
}
