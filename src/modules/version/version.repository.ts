/** Versions of towns and the states of duties in them: every statement the version module sends. */
import type { DutyState } from '../../ingest/duty-state';
import type { ItemKind } from '../common/enums';
import type { RequestSql } from '../common/request-sql';
import { raw, type Sql, sql } from '../common/sql';
import { TownVersion } from './town-version.entity';
import { currentItemsOf, itemsOfVersions, STATE_LINKS, statesOfItems } from './version-items';

type VersionRow = {
  id: string;
  town_id: string;
  number: number;
  imported_at: string | Date;
  effective_date: string | null;
  sources: TownVersion['sources'];
  digest: string;
  basic: number;
  cooperative: number;
  reclaimed: number;
  links: number;
  added: number;
  removed: number;
  changed: number;
  current: boolean;
};

/** A state as a statement gives it, with the key it was asked by (`key`) and its validity. */
type StateRow = Omit<DutyState, 'category' | 'links'> & {
  key: string;
  category: string;
  links: DutyState['links'];
  valid_from: number;
  valid_to: number | null;
};

/** A duty's state in one version, as `Item.history` orders them. */
export type KeptState = DutyState & { validFrom: number; validTo: number | null };

export class VersionRepository {
  constructor(private readonly sql: RequestSql) {}

  /** The versions of each town, newest first. */
  async byTowns(townIds: readonly string[]): Promise<TownVersion[]> {
    const rows = await this.sql.statement<VersionRow>(
      'townVersions',
      sql`select v.id, v.town_id, v.number, v.imported_at, v.effective_date::text as effective_date, v.sources,
          v.digest, v.basic, v.cooperative, v.reclaimed, v.links, v.added, v.removed, v.changed,
          v.number = max(v.number) over (partition by v.town_id) as current
        from town_version v where v.town_id = any(${[...townIds]}::uuid[]) order by v.town_id, v.number desc`,
    );
    return rows.map(versionOf);
  }

  /** The duties of each version (by version id), by kind and number, named as the API answers. */
  async statesOfVersions(versionIds: readonly string[]): Promise<Map<string, DutyState[]>> {
    const rows = await this.states(
      'versionStates',
      itemsOfVersions(sql`v.id = any(${[...versionIds]}::uuid[])`),
      'i.version_id',
    );
    return grouped(rows);
  }

  /** Every state of each item (by id), oldest first. */
  async statesOfItems(itemIds: readonly string[]): Promise<Map<string, KeptState[]>> {
    const rows = await this.states('itemStates', statesOfItems(itemIds), 'i.id');
    const byItem = new Map<string, KeptState[]>();
    for (const row of rows) {
      const { key, valid_from, valid_to, ...state } = row;
      byItem.set(key, [...(byItem.get(key) ?? []), { ...state, validFrom: valid_from, validTo: valid_to }]);
    }
    return byItem;
  }

  /** The current duties of each town (by town id). */
  async currentStates(townIds: readonly string[]): Promise<Map<string, DutyState[]>> {
    return grouped(await this.states('townStates', currentItemsOf(townIds), 'i.town_id'));
  }

  /** The states of the rows of `items` (a relation `i` of version-items.ts), each with its `key`. */
  private states(name: string, items: Sql, key: string): Promise<StateRow[]> {
    return this.sql.statement<StateRow>(
      name,
      sql`select ${raw(key)}::text as key, i.id, i.kind, i.number, i.name, c.name as category,
          i.town_responsibilities as "townResponsibilities", i.working_method as "workingMethod", i.discontinued,
          i.valid_from, i.valid_to,
          (select coalesce(json_agg(json_build_object('department', d.name, 'relation', l.relation,
              'responsibilities', l.responsibilities) order by l.position), '[]'::json)
            from ${STATE_LINKS} l join department d on d.id = l.department_id where l.item_id = i.id) as links
        from ${items} join category c on c.id = i.category_id
        order by 1, i.valid_from, i.kind, i.number`,
    );
  }
}

function grouped(rows: StateRow[]): Map<string, DutyState[]> {
  const byKey = new Map<string, DutyState[]>();
  for (const { key, valid_from: _, valid_to: __, ...state } of rows) {
    byKey.set(key, [...(byKey.get(key) ?? []), state]);
  }
  // Kind and number order within each key (the statement orders states by validity first).
  for (const states of byKey.values()) states.sort(byKindAndNumber);
  return byKey;
}

const KIND_ORDER: Record<string, number> = { BASIC: 0, COOPERATIVE: 1, RECLAIMED: 2 };

export function byKindAndNumber(a: { kind: ItemKind; number: number }, b: { kind: ItemKind; number: number }) {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.number - b.number;
}

function versionOf(row: VersionRow): TownVersion {
  return Object.assign(new TownVersion(), {
    id: row.id,
    town: { id: row.town_id } as unknown as TownVersion['town'],
    number: row.number,
    importedAt: new Date(row.imported_at),
    effectiveDate: row.effective_date,
    sources: row.sources,
    digest: row.digest,
    basic: row.basic,
    cooperative: row.cooperative,
    reclaimed: row.reclaimed,
    links: row.links,
    added: row.added,
    removed: row.removed,
    changed: row.changed,
    current: row.current,
    counts: { basic: row.basic, cooperative: row.cooperative, reclaimed: row.reclaimed, links: row.links },
  });
}
