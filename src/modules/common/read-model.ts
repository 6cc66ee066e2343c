/**
 * The API reads plain objects built from rows, not managed entities. Profiling the benchmark
 * (docs/benchmarks.md) showed MikroORM's hydration and identity map costing more than the GraphQL
 * execution of the fields they fed; the API never changes what it reads, so it needs neither.
 * Entities remain the schema's and migrations' source of truth; writes (the importer) use SQL.
 *
 * An object has its entity's shape: scalar properties by name, and each reference as `{ id }`,
 * which is all the resolvers read of one (`item.category.id`), or as the referenced object itself
 * where a statement joined it (`joining`: a page's items and their categories, an item's links
 * and their departments). It is an instance of the entity's class, but MikroORM does not manage it.
 */
import { type EntityClass, type EntityManager, type EntityMetadata, ReferenceKind } from '@mikro-orm/core';
import type { RequestSql } from './request-sql';
import { raw, sql } from './sql';

export interface ReadModel<T> {
  /** The select list of the eagerly loaded properties, as SQL, qualified by a table alias. */
  columns(alias: string): string;
  /** The object of one row holding those columns (other columns of the row are ignored). */
  fromRow(row: Record<string, unknown>): T;
  /** Rows by id in one statement, in no particular order; unknown ids are absent. */
  byIds(request: RequestSql, ids: readonly string[]): Promise<T[]>;
  /**
   * The same objects from the columns selected as `prefix` + column (`joined_name`), for a
   * statement that joins them to another table's rows.
   */
  prefixed(prefix: string): Pick<ReadModel<T>, 'columns' | 'fromRow'>;
  /**
   * The object of a row that also holds, under `prefix`, the object its `reference` points to
   * (a statement that joined it): the reference is that object instead of `{ id }`.
   */
  joining<R>(reference: keyof T & string, joined: ReadModel<R>, prefix: string): (row: Record<string, unknown>) => T;
  /**
   * The model that leaves `properties` (scalars) unread: for a statement whose objects serve a
   * selection that asks for none of them. They stay undefined, so it is for objects no other part
   * of the request reads.
   */
  without(properties: readonly (keyof T & string)[]): ReadModel<T>;
}

interface Column {
  property: string;
  field: string;
  reference: boolean;
  /** Its name in a row: the column's, or with a prefix (`prefixed`). */
  key: string;
  /** A `text[]` column: selected as JSON text and parsed when the property is first read. */
  textArray: boolean;
}

/** The usual prefix of a joined object's columns (`joined_name`), one joined object a row. */
export const JOINED = 'joined_';

const models = new WeakMap<EntityMetadata, ReadModel<unknown>>();

export function readModel<T extends object>(em: EntityManager, entity: EntityClass<T>): ReadModel<T> {
  const meta = em.getMetadata().get<T>(entity.name);
  let model = models.get(meta) as ReadModel<T> | undefined;
  if (!model) {
    model = buildReadModel<T>(meta);
    models.set(meta, model);
  }
  return model;
}

function buildReadModel<T>(meta: EntityMetadata<T>): ReadModel<T> {
  const columnsUnder = (prefix: string, columns = eagerColumns(meta)): Column[] =>
    columns.map((column) => ({ ...column, key: `${prefix}${column.field}` }));
  // Objects are instances of the entity class (type-graphql hands a field resolver its parent as
  // is only if it is one; otherwise it copies the parent into a new entity on every call). The
  // properties are declared as plain data on a prototype of their own between object and class,
  // so that setting them does not go through the setters MikroORM puts on entity prototypes.
  // A `text[]` column comes as JSON text, parsed on first read: pg would parse every row's with
  // its character-by-character array parser, and most requests read few of them (a traversal's
  // items carry one each it never asks for); JSON.parse is native and several times faster.
  const prototype = Object.create(
    meta.prototype as object,
    Object.fromEntries(
      eagerColumns(meta).map(({ property, textArray }) => [
        property,
        textArray ? lazilyParsed(Symbol(property)) : { value: undefined, writable: true },
      ]),
    ),
  );
  const statement = `${meta.className[0].toLowerCase()}${meta.className.slice(1)}sById`;
  const narrowed = new Map<string, ReadModel<T>>();
  const modelOf = (eager: Column[]): ReadModel<T> => {
    const columns = columnsUnder('', eager);
    const selectById = raw(`select ${selectList(columns)('t')} from ${meta.tableName} t`);
    const prefixed = new Map<string, Pick<ReadModel<T>, 'columns' | 'fromRow'>>();
    const model: ReadModel<T> = {
      columns: selectList(columns),
      fromRow: rowReader<T>(prototype, columns),
      async byIds(request, ids) {
        // One array parameter, not one per id: the statement's text is the same for any number of
        // ids (one entry in pg_stat_statements and in the logs, whatever the batch size).
        const rows = await request.statement(statement, sql`${selectById} where t.id = any(${[...ids]}::uuid[])`);
        return rows.map(model.fromRow);
      },
      prefixed(prefix) {
        let found = prefixed.get(prefix);
        if (!found) {
          const under = columnsUnder(prefix, eager);
          found = { columns: selectList(under), fromRow: rowReader<T>(prototype, under) };
          prefixed.set(prefix, found);
        }
        return found;
      },
      joining(reference, joined, prefix) {
        const joinedFromRow = joined.prefixed(prefix).fromRow;
        return (row) => {
          const object = model.fromRow(row);
          (object as Record<string, unknown>)[reference] = joinedFromRow(row);
          return object;
        };
      },
      without(properties) {
        if (properties.length === 0) return model;
        const left = new Set<string>(properties);
        const kept = eager.filter((column) => !left.has(column.property));
        // Keyed by what is read, so that any way to the same columns finds one model.
        const key = kept.map((column) => column.property).join(' ');
        let found = narrowed.get(key);
        if (!found) {
          found = modelOf(kept);
          narrowed.set(key, found);
        }
        return found;
      },
    };
    return model;
  };
  return modelOf(eagerColumns(meta));
}

/** The eagerly loaded properties' columns, as selected without a prefix. */
function eagerColumns<T>(meta: EntityMetadata<T>): Column[] {
  return meta.props
    .filter((prop) => !prop.lazy && (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE))
    .map((prop) => ({
      property: prop.name,
      field: prop.fieldNames[0],
      reference: prop.kind !== ReferenceKind.SCALAR,
      key: prop.fieldNames[0],
      textArray: prop.columnTypes[0] === 'text[]',
    }));
}

/** The select list of `columns`, qualified by an alias; made once per alias (statements built as text ask for it on every request). */
function selectList(columns: Column[]): (alias: string) => string {
  const byAlias = new Map<string, string>();
  return (alias) => {
    let list = byAlias.get(alias);
    if (list === undefined) {
      list = columns
        .map(({ field, key, textArray }) => {
          const value = textArray ? `array_to_json(${alias}.${field})::text` : `${alias}.${field}`;
          return value === `${alias}.${key}` ? value : `${value} as ${key}`;
        })
        .join(', ');
      byAlias.set(alias, list);
    }
    return list;
  };
}

/** Objects of rows holding `columns`; a property whose column is not read stays unset (undefined). */
function rowReader<T>(prototype: object, columns: Column[]): (row: Record<string, unknown>) => T {
  return (row) => {
    const object: Record<string, unknown> = Object.create(prototype);
    for (const { property, key, reference } of columns) {
      object[property] = reference ? { id: row[key] } : row[key];
    }
    return object as T;
  };
}

/** A property whose value may be set as a `text[]`'s JSON text (or as parsed, from a `select *`). */
function lazilyParsed(slot: symbol): PropertyDescriptor {
  return {
    get(this: Record<symbol, unknown>) {
      const value = this[slot];
      if (typeof value !== 'string') return value;
      const parsed = JSON.parse(value);
      this[slot] = parsed;
      return parsed;
    },
    set(this: Record<symbol, unknown>, value: unknown) {
      this[slot] = value;
    },
  };
}
