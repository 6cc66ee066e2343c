/**
 * The page of a search (防汛, 监察委员会) of all towns' items, or of one category's, in the town
 * order: read one of two ways, chosen in the statement by the search counts imports keep
 * (src/modules/aggregates/search-counts.ts).
 *
 * - **Walk** the order index (item_order_index) and keep the matches, stopping after the page:
 *   cheap when matches are many (防汛 at 10,000 towns: 18,000 matches, 2,700 rows walked for 21,
 *   4 ms), ruinous when few (a town's name: 268 matches, 2.2 million rows walked, 6.5 s).
 * - **Fetch** every match from the bigram index and sort them: cheap when matches are few (268:
 *   5 ms), dear when many (18,000 heap pages for 防汛, 150–300 ms).
 *
 * PostgreSQL cannot choose between them: its estimate for `search_bigrams @> …` is the same for
 * every bigram (11,470 rows at 10,000 towns), and a prepared statement's generic plan knows no
 * bigram at all. The statement holds both ways, each behind a condition PostgreSQL evaluates once
 * before running it (a one-time filter). The matches are taken as the fewest items any of the
 * search's bigrams has, the exact count for two characters (防汛) and at most the count for more:
 * - walk when it reads fewer rows than fetching would read pages, counting a walked row an eighth
 *   of a fetched one (its text checked in place against a heap page a match): `limit × items /
 *   matches < 8 × matches`;
 * - and walk at most 8 times the rows the matches' share predicts: matches bunched in part of the
 *   order (a county's name: 44,000 matches, none in the first 480,000 rows), or fewer than taken
 *   (a phrase of common bigrams), leave the page short, and the fetch then reads it (61 ms where
 *   walking to the page took 2.4 s).
 * Both ways give the same rows; which one ran changes only the time.
 */

import { searchHintSql } from '../aggregates/search-counts';
import { raw, type Sql, sql, unseenByPlanner } from '../common/sql';
import type { ItemFilter } from './item.inputs';
import { itemConditions, textMatch } from './item-filter';

/** How much cheaper a walked row is than a fetched match, and how far past the predicted rows a walk goes. */
const WALK_ADVANTAGE = 8;
const WALK_MARGIN = 8;
/** Below what share of a category's items a search's matches over all towns are fetched whole (matchingSql). */
const FETCH_SHARE = 50;

/**
 * Whose items are searched: all, or one category's (`p.parent_id` of itemPagesByParent's lateral
 * join), walked in item_category_order_index. Either way the order index holds the page's order
 * after the parent's key, and the kept totals how many items a walk could read (searchHintSql).
 */
export type SearchScope = 'all' | 'category';

const SCOPES: Record<SearchScope, { condition: Sql }> = {
  all: { condition: raw('true') },
  category: { condition: raw('i.category_id = p.parent_id') },
};

/** The parts of a page statement that its builder (item.repository.ts) hands to another. */
export interface PageParts {
  /** The select list over `item i join category oc`. */
  columns: Sql;
  /** The order as SQL (`i.town_key asc, …`), and the same over the select list's sort keys. */
  order: { sql: Sql; keys: Sql };
  seek: Sql;
  /** Rows to read: the page and one more (`rowCount`). */
  limit: Sql;
}

/**
 * The page of items matching `search` (and `filter`'s kinds, the rest of the filter being empty).
 * Call only for a search with a bigram (loneSearch) and an order the order indexes hold after the
 * scope's key (the default order, in either direction).
 */
export function searchPageSql(
  page: PageParts,
  scope: SearchScope,
  search: string,
  filter: Pick<ItemFilter, 'kinds'>,
): Sql {
  const { columns, seek, limit } = page;
  const { sql: order, keys } = page.order;
  const within = SCOPES[scope];
  const text = textMatch(search);
  const kinds = itemConditions({ kinds: filter.kinds }, 'i');
  return sql`with hint as materialized (${searchHintSql(scope, search, filter.kinds)}),
      walked as materialized (
        select ${columns} from (
          select * from item as i where ${within.condition} and ${seek} order by ${order}
          limit (select ceil(${raw(String(WALK_MARGIN))} * ${limit} * items / greatest(matches, 1))::bigint from hint)
        ) as i join category as oc on oc.id = i.category_id
        where (select ${raw(String(WALK_ADVANTAGE))} * matches * matches > ${limit} * items from hint)
          and ${kinds} and i.search_text ${raw(text.operator)} ${unseenByPlanner(text.pattern, 'text')}
        order by ${order} limit ${limit}
      )
      select * from (
        select * from walked where (select count(*) from walked) = ${limit}
        union all
        (select ${columns} from (${matchingSql(scope, search, filter, seek)}) as i join category as oc on oc.id = i.category_id
          where (select count(*) from walked) < ${limit}
          order by ${order} limit ${limit})
      ) as page order by ${keys}`;
}

/** The count of the category `p.parent_id`'s items matching `search` (and kinds), for the lateral join of itemPagesByParent. */
export function categorySearchTotalSql(search: string, filter: Pick<ItemFilter, 'kinds'>): Sql {
  const hint = searchHintSql('category', search, filter.kinds);
  const matching = matchingSql('category', search, filter, raw('true'));
  return sql`with hint as materialized (${hint}) select count(*)::int as total from (${matching}) as m`;
}

/**
 * The scope's items matching the search, after `seek`, from the bigram index: what the fetch
 * reads and the count counts (`hint` in scope). Of a category, PostgreSQL combines the bigram
 * index with the category's whole range of its order index, whatever the search (65 ms for the
 * largest category at 10,000 towns); fetching the matches over all towns and keeping the
 * category's is cheaper when they are under a fiftieth of the category's items (a heap page a
 * match against an index entry an item of the category), and is read so then.
 */
function matchingSql(scope: SearchScope, search: string, filter: Pick<ItemFilter, 'kinds'>, seek: Sql): Sql {
  // The hint chooses the way, not the planner: one plan serves every search (unseen values).
  const found = itemConditions({ search, kinds: filter.kinds }, 'i', 'unseen');
  const all = sql`select * from item as i where ${found} and ${seek} offset 0`;
  if (scope === 'all') return all;
  const share = raw(String(FETCH_SHARE));
  return sql`select * from item as i where ${SCOPES.category.condition} and ${found} and ${seek}
        and (select ${share} * matches >= items from hint)
      union all
      select * from (${all}) as fetched where fetched.category_id = p.parent_id
        and (select ${share} * matches < items from hint)`;
}
