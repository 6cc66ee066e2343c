/** A foreign key always finds its row; anything else is a bug, not a user error. */
export function required<T>(value: T | null | Error): T {
  if (value instanceof Error) throw value;
  if (value === null) throw new Error('a referenced row is missing');
  return value;
}
