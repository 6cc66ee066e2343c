import type { Context } from '../../graphql/context';
import { referenceKey } from '../common/lookup';
import type { Category } from './category.entity';

/** `_entities` for `Category @key(fields: "id")` and `@key(fields: "name")`, batched. */
export function resolveCategoryReference(
  reference: Record<string, unknown>,
  context: Context,
): Promise<Category | null> {
  const key = referenceKey(reference, ['id', 'name']);
  if (key.field === 'id') return context.loaders.category.load(key.value);
  return context.loaders.categoryByName.load(key.value);
}
