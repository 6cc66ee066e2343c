import type { DocumentNode } from 'graphql';

/**
 * Values worked out from an operation's parsed document and a key (its operation name, its
 * variables), kept per document: Apollo keeps one DocumentNode per query text, so a dashboard's
 * repeated requests find them. At most `perDocument` keys a document: when full, its set starts
 * again. Nothing is kept of a computation that throws.
 */
export function documentMemo<Value>(
  perDocument: number,
): (document: DocumentNode, key: string, compute: () => Value) => Value {
  const memos = new WeakMap<DocumentNode, Map<string, Value>>();
  return (document, key, compute) => {
    let known = memos.get(document);
    if (known?.has(key)) return known.get(key) as Value;
    const value = compute();
    if (!known || known.size >= perDocument) {
      known = new Map();
      memos.set(document, known);
    }
    known.set(key, value);
    return value;
  };
}
