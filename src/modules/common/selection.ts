/**
 * What a field's selection asks of its result, read from the operation: a resolver skips work no
 * field asks for (a connection's total, the costliest part of a search's page at scale; columns
 * of items no field reads).
 */
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

type Info = Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>;

// Per field of a cached document (Apollo keeps parsed documents, graphql-jit compiled ones): the
// same node on every request of that operation.
const asked = new WeakMap<FieldNode, Map<string, ReadonlySet<string>>>();

/**
 * The names of the fields selected below the field being resolved, at the end of `path` (field
 * names: `['nodes']` for a connection's nodes), under any alias, in inline fragments and fragment
 * spreads. A field under `@skip`/`@include` counts as selected: work done for nothing is only
 * slower, a value left out would be wrong.
 */
export function selectedFields(info: Info, path: readonly string[] = []): ReadonlySet<string> {
  const { fieldNodes, fragments } = info;
  const answer = () => {
    const found = new Set<string>();
    const collect = (selectionSet: SelectionSetNode | undefined, depth: number, spread: Set<string>): void => {
      for (const selection of selectionSet?.selections ?? []) {
        if (selection.kind === Kind.FIELD) {
          if (depth === path.length) found.add(selection.name.value);
          else if (selection.name.value === path[depth]) collect(selection.selectionSet, depth + 1, new Set());
        } else if (selection.kind === Kind.INLINE_FRAGMENT) collect(selection.selectionSet, depth, spread);
        else {
          const fragment = fragments[selection.name.value];
          // A fragment spread twice on one path is invalid; the set only guards against cycles.
          if (fragment && !spread.has(fragment.name.value))
            collect(fragment.selectionSet, depth, new Set(spread).add(fragment.name.value));
        }
      }
    };
    for (const node of fieldNodes) collect(node.selectionSet, 0, new Set());
    return found;
  };
  // Several nodes (one field selected twice, merged) are a combination of the request's own.
  if (fieldNodes.length !== 1) return answer();
  let byPath = asked.get(fieldNodes[0]);
  if (!byPath) {
    byPath = new Map();
    asked.set(fieldNodes[0], byPath);
  }
  const key = path.join('.');
  let found = byPath.get(key);
  if (found === undefined) {
    found = answer();
    byPath.set(key, found);
  }
  return found;
}

/** Whether the selection of the field being resolved holds `name` directly (see `selectedFields`). */
export function selectsField(info: Info, name: string): boolean {
  return selectedFields(info).has(name);
}
