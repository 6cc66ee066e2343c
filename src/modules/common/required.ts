import type DataLoader from 'dataloader';

/** A foreign key always finds its row; anything else is a bug, not a user error. */
export function required<T>(value: T | null | Error): T {
  if (value instanceof Error) throw value;
  if (value === null) throw new Error('a referenced row is missing');
  return value;
}

/**
 * What a read object's reference points to: the object itself where the statement that read it
 * joined it (read-model.ts, `joining`), else loaded by id. Not a promise when joined: a field
 * resolved for every row of a page (a traversal's 250 links) then costs no promise.
 */
export function referenced<T>(
  reference: { id: string },
  entity: abstract new (...args: never[]) => T,
  loader: DataLoader<string, T | null>,
): T | Promise<T> {
  return reference instanceof entity ? reference : loader.load(reference.id).then(required);
}
