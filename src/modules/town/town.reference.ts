import type { Context } from '../../graphql/context';
import { referenceKey } from '../common/lookup';
import type { Town } from './town.entity';

/** `_entities` for `Town @key(fields: "id")`, batched with every other reference of the request. */
export function resolveTownReference(reference: Record<string, unknown>, context: Context): Promise<Town | null> {
  return context.loaders.town.load(referenceKey(reference, ['id']).value);
}
