import type { Context } from '../../graphql/context';
import { referenceKey } from '../common/lookup';
import type { Link } from './link.entity';

/** `_entities` for `Link @key(fields: "id")`, batched with every other reference of the request. */
export function resolveLinkReference(reference: Record<string, unknown>, context: Context): Promise<Link | null> {
  return context.loaders.link.load(referenceKey(reference, ['id']).value);
}
