/**
 * What a field's selection asks of its result, read from the operation: a resolver skips work no
 * field asks for (a connection's total, the costliest part of a search's page at scale).
 */
import { type FieldNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from 'graphql';

// Per field of a cached document (Apollo keeps parsed documents, graphql-jit compiled ones): the
// same node on every request of that operation.
const asked = new WeakMap<FieldNode, Map<string, boolean>>();

/**
 * Whether the selection of the field being resolved holds `name` directly (under any alias, in
 * inline fragments and fragment spreads). A field under `@skip`/`@include` counts as asked: work
 * done for nothing is only slower, a total left out would be wrong.
 */
export function selectsField(info: Pick<GraphQLResolveInfo, 'fieldNodes' | 'fragments'>, name: string): boolean {
  const { fieldNodes, fragments } = info;
  const holds = (selectionSet: SelectionSetNode | undefined, spread: Set<string>): boolean =>
    (selectionSet?.selections ?? []).some((selection) => {
      if (selection.kind === Kind.FIELD) return selection.name.value === name;
      if (selection.kind === Kind.INLINE_FRAGMENT) return holds(selection.selectionSet, spread);
      const fragment = fragments[selection.name.value];
      // A fragment spread twice on one path is invalid; the set only guards against cycles.
      if (!fragment || spread.has(fragment.name.value)) return false;
      return holds(fragment.selectionSet, new Set(spread).add(fragment.name.value));
    });
  const answer = () => fieldNodes.some((node) => holds(node.selectionSet, new Set()));
  // Several nodes (one field selected twice, merged) are a combination of the request's own.
  if (fieldNodes.length !== 1) return answer();
  let byName = asked.get(fieldNodes[0]);
  if (!byName) {
    byName = new Map();
    asked.set(fieldNodes[0], byName);
  }
  let found = byName.get(name);
  if (found === undefined) {
    found = answer();
    byName.set(name, found);
  }
  return found;
}
