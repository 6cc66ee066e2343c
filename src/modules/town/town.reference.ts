import type { Context } from '../../context';
import type { Town } from './town.entity';

/** `_entities` for `Town @key(fields: "id")`, batched with every other reference of the request. */
export function resolveTownReference(reference: Pick<Town, 'id'>, context: Context): Promise<Town | null> {
  return context.loaders.town.load(reference.id);
}
