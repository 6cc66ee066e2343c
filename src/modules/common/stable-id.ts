import { v5 as uuidv5 } from 'uuid';

/** Namespace of dutyhub's name-based UUIDs; fixed forever, or every stored id changes. */
const NAMESPACE = '2f6b1d0e-4c7a-5b8e-9d3f-6a1c0e7b2d94';

export type EntityName = 'Town' | 'Category' | 'Department' | 'Item' | 'Link' | 'TownVersion';

/**
 * Ids derive from natural keys (UUID v5), so a re-import, another machine or another service that
 * stored an id all see the same id for the same thing. Callers pass normalised keys.
 */
export function stableId(entity: EntityName, ...naturalKey: (string | number)[]): string {
  return uuidv5(`${entity}\u001f${naturalKey.join('\u001f')}`, NAMESPACE);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;

export function isWellFormedId(id: unknown): id is string {
  return typeof id === 'string' && UUID.test(id);
}

/**
 * Ids are opaque: one that is not of our form matches nothing, rather than failing the query.
 * They are UUIDs, whatever the case of their letters: as the database returns them, lower case.
 */
export function wellFormedIds(ids: readonly string[]): string[] {
  return ids.filter(isWellFormedId).map((id) => id.toLowerCase());
}
