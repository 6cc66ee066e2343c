/**
 * The one loader factory. Batch functions return results in key order; a key with no row gets its
 * own `null` (or `[]`), never a failure of the whole batch.
 */
import DataLoader from 'dataloader';
import type { RequestSql } from './request-sql';
import { wellFormedIds } from './stable-id';

/**
 * Entities by id: one `where id in (…)` per tick. Ids are opaque to clients: one not of our form
 * is simply unknown (null), never a database error.
 */
export function loaderById<T extends { id: string }>(
  fetch: (ids: readonly string[]) => Promise<T[]>,
): DataLoader<string, T | null> {
  return new DataLoader(async (ids) => {
    const known = wellFormedIds(ids);
    const byId = new Map((known.length ? await fetch(known) : []).map((row) => [row.id, row]));
    // The database's ids are lower case; an id asked in upper case is the same id.
    return ids.map((id) => byId.get(id.toLowerCase()) ?? null);
  });
}

/** Lists per parent key: one query for every parent asked in a tick, rows in the query's order. */
export function loaderOfLists<T>(
  fetch: (keys: readonly string[]) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<string, T[]> {
  return new DataLoader(async (keys) => listsOf(keys, await fetch(keys), keyOf));
}

/**
 * The same, each parent asked with or without some columns of its rows (`wide`): one query a
 * tick still, wide when any asker needs it; lists are kept per parent and width, so a narrow list
 * never answers a wide question.
 */
export function loaderOfListsByWidth<T>(
  fetch: (keys: readonly string[], wide: boolean) => Promise<T[]>,
  keyOf: (row: T) => string,
): DataLoader<{ key: string; wide: boolean }, T[], string> {
  return new DataLoader(
    async (asked) => {
      const keys = [...new Set(asked.map((each) => each.key))];
      const wide = asked.some((each) => each.wide);
      const lists = listsOf(keys, await fetch(keys, wide), keyOf);
      const byKey = new Map(keys.map((key, i) => [key, lists[i]]));
      return asked.map((each) => byKey.get(each.key) ?? []);
    },
    { cacheKeyFn: (each) => `${each.key} ${each.wide}` },
  );
}

/** The rows of each key, in the rows' order; `[]` for a key without any. */
function listsOf<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const groups = new Map<string, T[]>(keys.map((key) => [key, []]));
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}

/** Results per parent from one batched call that answers for many parents at once. */
export function loaderOfMap<V>(fetch: (keys: readonly string[]) => Promise<Map<string, V>>): DataLoader<string, V> {
  return new DataLoader(async (keys) => {
    const results = await fetch(keys);
    return keys.map((key) => results.get(key) as V);
  });
}

/**
 * One loader per distinct argument set of a field (`items(first: 5)` and `items(first: 10)` are
 * different batches), created on first use within the request.
 */
export function loaderPerArguments<Args, Loader>(create: (args: Args) => Loader): (args: Args) => Loader {
  const loaders = new Map<string, Loader>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = loaders.get(key);
    if (!loader) {
      loader = create(args);
      loaders.set(key, loader);
    }
    return loader;
  };
}

const MADE_WITH = Symbol('made with');

/**
 * A request's loaders, each made from `factories` on first use: a request builds only those its
 * fields ask for (a lookup uses one of fifteen). The getters are made once, on a shared prototype.
 */
export function madeOnFirstUse<Factories extends Record<string, (sql: RequestSql) => unknown>>(
  factories: Factories,
): (sql: RequestSql) => { readonly [Name in keyof Factories]: ReturnType<Factories[Name]> } {
  const prototype = {};
  for (const [name, make] of Object.entries(factories)) {
    Object.defineProperty(prototype, name, {
      get(this: { [MADE_WITH]: RequestSql }) {
        const made = make(this[MADE_WITH]);
        Object.defineProperty(this, name, { value: made });
        return made;
      },
    });
  }
  return (sql) => Object.assign(Object.create(prototype), { [MADE_WITH]: sql });
}
