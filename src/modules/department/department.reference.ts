import type { Context } from '../../graphql/context';
import { referenceKey } from '../common/lookup';
import type { Department } from './department.entity';

/**
 * `_entities` for `Department @key(fields: "id")` and `@key(fields: "name")`; a name may be the
 * canonical name or an alias, as other services know it. Batched with every other reference.
 */
export function resolveDepartmentReference(
  reference: Record<string, unknown>,
  context: Context,
): Promise<Department | null> {
  const key = referenceKey(reference, ['id', 'name']);
  if (key.field === 'id') return context.loaders.department.load(key.value);
  return context.loaders.departmentByName.load(key.value);
}
