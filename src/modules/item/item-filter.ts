/**
 * The one filter compiler: an ItemFilter becomes SQL conditions on the item table (alias `i`), used
 * by every item connection and count, so one filter gives one totalCount wherever it is asked.
 */
import type { Knex } from '@mikro-orm/postgresql';
import { badUserInput } from '../../errors';
import { nameKey } from '../../ingest/department-names';
import { bigrams } from '../../ingest/search-text';
import { wellFormedIds } from '../common/stable-id';
import type { ItemFilter } from './item.inputs';

/** How deep and/or/not may nest, and how many filters one request may combine. */
export const MAX_FILTER_DEPTH = 6;
export const MAX_FILTER_NODES = 100;

/** `%` and `_` in a search are literal characters, not wildcards. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/gu, (char) => `\\${char}`)}%`;
}

export function checkItemFilter(filter: ItemFilter | null | undefined): void {
  let nodes = 0;
  const visit = (node: ItemFilter, depth: number) => {
    nodes++;
    if (depth > MAX_FILTER_DEPTH) throw badUserInput(`filter nests deeper than ${MAX_FILTER_DEPTH} levels`, 'filter');
    if (nodes > MAX_FILTER_NODES) throw badUserInput(`filter combines more than ${MAX_FILTER_NODES} filters`, 'filter');
    if (node.search != null && node.search.trim() === '') throw badUserInput('search must not be empty', 'filter');
    for (const child of [...(node.and ?? []), ...(node.or ?? []), ...(node.not ? [node.not] : [])]) {
      visit(child, depth + 1);
    }
  };
  if (filter) visit(filter, 1);
}

/**
 * Adds the filter's conditions to a query over `item i`. Call checkItemFilter first. A filter that
 * `onlyItemColumns` accepts may also be applied to another table holding those columns (`alias`).
 */
export function applyItemFilter(
  knex: Knex,
  query: Knex.QueryBuilder,
  filter: ItemFilter | null | undefined,
  alias = 'i',
): void {
  if (filter) query.where(conditions(knex, filter, alias));
}

/** Item columns that tables counted ahead per town, category and kind also have. */
const COUNTED_FIELDS = new Set<keyof ItemFilter>(['kinds', 'townIds', 'categoryIds', 'categoryNames']);

/** Whether the filter reads only the item's kind, town and category (nothing nested). */
export function onlyItemColumns(filter: ItemFilter | null | undefined): boolean {
  return Object.entries(filter ?? {}).every(
    ([field, value]) => value == null || COUNTED_FIELDS.has(field as keyof ItemFilter),
  );
}

function conditions(knex: Knex, filter: ItemFilter, alias: string): (query: Knex.QueryBuilder) => void {
  return (query) => {
    // Keeps every group non-empty: `{}` is true, and `not: {}` false.
    query.whereRaw('true');
    if (filter.kinds) query.whereIn(`${alias}.kind`, filter.kinds);
    if (filter.numbers) query.whereIn(`${alias}.number`, filter.numbers);
    if (filter.townIds) query.whereIn(`${alias}.town_id`, wellFormedIds(filter.townIds));
    if (filter.categoryIds) query.whereIn(`${alias}.category_id`, wellFormedIds(filter.categoryIds));
    if (filter.categoryNames) {
      query.whereIn(
        `${alias}.category_id`,
        knex('category').select('id').whereIn('name', filter.categoryNames.map(nameKey)),
      );
    }
    if (filter.departmentIds || filter.relation) {
      query.whereExists(
        knex('link as fl')
          .select(knex.raw('1'))
          .whereRaw('fl.item_id = i.id')
          .modify((links) => {
            if (filter.departmentIds) links.whereIn('fl.department_id', wellFormedIds(filter.departmentIds));
            if (filter.relation) links.where('fl.relation', filter.relation);
          }),
      );
    }
    if (filter.search != null) searchCondition(query, filter.search.trim());
    for (const child of filter.and ?? []) query.where(conditions(knex, child, alias));
    if (filter.or) {
      const alternatives = filter.or;
      query.where((any) => {
        if (alternatives.length === 0) any.whereRaw('false');
        for (const child of alternatives) any.orWhere(conditions(knex, child, alias));
      });
    }
    if (filter.not) query.whereNot(conditions(knex, filter.not, alias));
  };
}

/**
 * Item name, town steps, working method, its departments' parts or names (the item's search_text):
 * the GIN index on the text's bigrams finds the candidates, a substring match decides.
 */
function searchCondition(query: Knex.QueryBuilder, text: string): void {
  const wanted = bigrams(text);
  if (wanted.length > 0) query.whereRaw('i.search_bigrams @> ?::text[]', [wanted]);
  // Two letters or digits without case (防汛, the usual Chinese search) are their own one bigram:
  // the index decides, and the text need not be read. Without the redundant second condition the
  // planner also estimates the matches right, and walks the order index for a page, stopping
  // after it (at 10,000 towns: 2,700 rows read for 20 matches instead of all 18,000 and a sort).
  if (EXACT_BIGRAM.test(text) && !hasCase(text)) return;
  // Case-insensitive matching (ilike) costs over ten times a byte-wise `like` on this text; for a
  // search with no letter that has case (Chinese, digits, punctuation) both give the same rows.
  const operator = hasCase(text) ? 'ilike' : 'like';
  query.whereRaw(`i.search_text ${operator} ?`, [containsPattern(text)]);
}

/** Two code points, each a letter or a digit (no white space, punctuation or combining mark). */
const EXACT_BIGRAM = /^[\p{L}\p{N}]{2}$/u;

function hasCase(text: string): boolean {
  return text.toLowerCase() !== text || text.toUpperCase() !== text;
}
