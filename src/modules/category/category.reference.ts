import type { Context } from '../../context';
import type { Category } from './category.entity';

/** `_entities` for `Category @key(fields: "id")` and `@key(fields: "name")`, batched. */
export function resolveCategoryReference(
  reference: Partial<Pick<Category, 'id' | 'name'>>,
  context: Context,
): Promise<Category | null> {
  if (reference.id != null) return context.loaders.category.load(reference.id);
  return context.loaders.categoryByName.load(reference.name ?? '');
}
