import type { Context } from '../../context';
import type { Department } from './department.entity';

/**
 * `_entities` for `Department @key(fields: "id")` and `@key(fields: "name")`; a name may be the
 * canonical name or an alias, as other services know it. Batched with every other reference.
 */
export function resolveDepartmentReference(
  reference: Partial<Pick<Department, 'id' | 'name'>>,
  context: Context,
): Promise<Department | null> {
  if (reference.id != null) return context.loaders.department.load(reference.id);
  return context.loaders.departmentByName.load(reference.name ?? '');
}
