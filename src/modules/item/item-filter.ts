/**
 * The one filter compiler: an ItemFilter becomes SQL conditions on the item table (alias `i`), used
 * by every item connection and count, so one filter gives one totalCount wherever it is asked.
 */
import { badUserInput } from '../../graphql/errors';
import { nameKey } from '../../ingest/department-names';
import { bigrams } from '../../ingest/search-text';
import { Category } from '../category/category.entity';
import { join, raw, type Sql, sql, unseenByPlanner } from '../common/sql';
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
 * The filter's conditions on `item i` as SQL text with `?` placeholders and their values in order.
 * Call checkItemFilter first. A filter that `onlyItemColumns` accepts may also be applied to
 * another table holding those columns (`alias`). The text depends on the filter's shape alone (a
 * list is one array value, whatever its length), and is built without knex's query builder, which
 * cost a slice more than its own resolvers (docs/benchmarks.md).
 */
export function itemConditions(
  filter: ItemFilter | null | undefined,
  alias = 'i',
  search: SearchValues = 'seen',
  links: Sql = CURRENT_LINKS,
): Sql {
  return filter ? conditions(filter, alias, search, links) : raw('true');
}

/**
 * The links a department filter reads (`fl`, with the item's id, department and relation): the
 * current ones; a version's items read theirs (src/modules/version/version-items.ts).
 */
const CURRENT_LINKS = raw('link');

/**
 * Whether the planner sees a search's bigrams and pattern. Seen by default: a common bigram (应急)
 * is in search_bigrams' statistics, and a plan made for it walks a category's order index for a
 * page where one for any bigram fetches every match over all towns and sorts them (应急 in
 * 应急管理及消防 at 10,000 towns: 2.5 ms against 1.3 s). Unseen (unseenByPlanner) where the
 * statement itself chooses the way (search-page.ts): one plan then serves every search.
 */
export type SearchValues = 'seen' | 'unseen';

/** Item columns that tables counted ahead per town, category and kind also have. */
const COUNTED_FIELDS = new Set<keyof ItemFilter>(['kinds', 'townIds', 'categoryIds', 'categoryNames']);

/**
 * Whether the filter reads only the item's kind, town and category, in `and`, `or` and `not` too:
 * its conditions then hold or fail for a whole row of a table counted per town, category and kind,
 * which answers it as the items would.
 */
export function onlyItemColumns(filter: ItemFilter | null | undefined): boolean {
  return Object.entries(filter ?? {}).every(([field, value]) => {
    if (value == null || COUNTED_FIELDS.has(field as keyof ItemFilter)) return true;
    if (field === 'and' || field === 'or') return (value as ItemFilter[]).every(onlyItemColumns);
    return field === 'not' && onlyItemColumns(value as ItemFilter);
  });
}

/** Whether the filter names towns anywhere (`and`, `or` and `not` included). */
export function namesTowns(filter: ItemFilter | null | undefined): boolean {
  if (!filter) return false;
  return (
    filter.townIds != null ||
    [...(filter.and ?? []), ...(filter.or ?? []), ...(filter.not ? [filter.not] : [])].some(namesTowns)
  );
}

/** The conditions of one filter, joined by `and` (`true` when none). */
function conditions(filter: ItemFilter, alias: string, search: SearchValues, links: Sql): Sql {
  /**
   * `column` equals one of `values`. A list of one is written `= ?`: the planner then knows the
   * column has one value, so an index it leads returns rows in a page's order (a category's items
   * from item_category_order_index): at 10,000 towns, a category and kind without items took
   * 0.8 s with `= any(…)`, walking the town order index for a match, and 8 ms so. An empty list
   * matches nothing: `= any('{}')` is false.
   */
  const oneOf = (column: string, values: readonly unknown[], cast = '') =>
    values.length === 1
      ? sql`${raw(`${alias}.${column}`)} = ${values[0]}${raw(cast)}`
      : sql`${raw(`${alias}.${column}`)} = any(${values}${raw(cast && `${cast}[]`)})`;
  const all: Sql[] = [];
  if (filter.kinds) all.push(oneOf('kind', filter.kinds));
  if (filter.numbers) all.push(oneOf('number', filter.numbers));
  if (filter.townIds) all.push(oneOf('town_id', wellFormedIds(filter.townIds), '::uuid'));
  if (filter.categoryIds) all.push(oneOf('category_id', wellFormedIds(filter.categoryIds), '::uuid'));
  if (filter.categoryNames) {
    // A category's id is its name's (stable-id.ts): the condition is the same as categoryIds', so
    // the planner reads a category's items from its order index, not every kind's in town order.
    all.push(
      oneOf(
        'category_id',
        filter.categoryNames.map((name) => Category.idFor(nameKey(name))),
        '::uuid',
      ),
    );
  }
  if (filter.departmentIds || filter.relation) {
    const linked = [raw('fl.item_id = i.id')];
    if (filter.departmentIds) linked.push(sql`fl.department_id = any(${wellFormedIds(filter.departmentIds)}::uuid[])`);
    if (filter.relation) linked.push(sql`fl.relation = ${filter.relation}`);
    all.push(sql`exists (select 1 from ${links} fl where ${join(linked, ' and ')})`);
  }
  if (filter.search != null) all.push(...searchConditions(filter.search.trim(), search));
  for (const child of filter.and ?? []) all.push(sql`(${conditions(child, alias, search, links)})`);
  if (filter.or) {
    const alternatives = filter.or.map((child) => sql`(${conditions(child, alias, search, links)})`);
    all.push(alternatives.length === 0 ? raw('false') : sql`(${join(alternatives, ' or ')})`);
  }
  if (filter.not) all.push(sql`not (${conditions(filter.not, alias, search, links)})`);
  return all.length === 0 ? raw('true') : join(all, ' and ');
}

/**
 * Item name, town steps, working method, its departments' parts or names (the item's search_text):
 * the GIN index on the text's bigrams finds the candidates, a substring match decides.
 */
function searchConditions(text: string, values: SearchValues): Sql[] {
  // The search's values as the planner should see them (SearchValues).
  const placed = (value: unknown, type: string) =>
    values === 'seen' ? sql`${value}::${raw(type)}` : unseenByPlanner(value, type);
  const found: Sql[] = [];
  const wanted = bigrams(text);
  if (wanted.length > 0) found.push(sql`i.search_bigrams @> ${placed(wanted, 'text[]')}`);
  // Two letters or digits without case (防汛, the usual Chinese search) are their own one bigram:
  // the index decides, and the text need not be read.
  if (exactBigram(text) != null) return found;
  const match = textMatch(text);
  found.push(sql`i.search_text ${raw(match.operator)} ${placed(match.pattern, 'text')}`);
  return found;
}

/**
 * The substring match of a search on search_text. Case-insensitive matching (ilike) costs over ten
 * times a byte-wise `like` on this text; for a search with no letter that has case (Chinese,
 * digits, punctuation) both give the same rows.
 */
export function textMatch(text: string): { operator: 'like' | 'ilike'; pattern: string } {
  return { operator: hasCase(text) ? 'ilike' : 'like', pattern: containsPattern(text) };
}

/**
 * The search's one bigram when the search is two letters or digits without case (防汛): then an
 * item matches exactly when its bigrams hold it. Null for any other search.
 */
export function exactBigram(search: string): string | null {
  return EXACT_BIGRAM.test(search) && !hasCase(search) ? search : null;
}

/**
 * The search of a filter that is a search alone or with kinds, trimmed, when it has a bigram (two
 * characters or more): the filters whose pages search-page.ts reads and, for an exact bigram, whose
 * counts the search counts imports keep answer (src/modules/aggregates/count-planner.ts). Null for any other.
 */
export function loneSearch(filter: ItemFilter | null | undefined): string | null {
  const { search, kinds: _, ...rest } = filter ?? {};
  if (search == null || Object.values(rest).some((value) => value != null)) return null;
  const text = search.trim();
  return bigrams(text).length > 0 ? text : null;
}

/** Two code points, each a letter or a digit (no white space, punctuation or combining mark). */
const EXACT_BIGRAM = /^[\p{L}\p{N}]{2}$/u;

function hasCase(text: string): boolean {
  return text.toLowerCase() !== text || text.toUpperCase() !== text;
}
