/** Towns: all of them, by id, by name. */
import type { RequestSql } from '../common/request-sql';
import { sql } from '../common/sql';
import { Town } from './town.entity';

/** A row of a town's columns (read-model.ts). */
type TownRow = Record<string, unknown>;

export class TownRepository {
  constructor(private readonly sql: RequestSql) {}

  /** Every town, by prefecture, county and name. */
  async all(): Promise<Town[]> {
    const rows = await this.sql.statement<TownRow>(
      'towns',
      sql`select * from town order by prefecture collate "C", county collate "C", name collate "C"`,
    );
    return rows.map(this.sql.model(Town).fromRow);
  }

  byIds(ids: readonly string[]): Promise<Town[]> {
    return this.sql.model(Town).byIds(this.sql, ids);
  }

  /**
   * The towns a name (white space removed) names: the bare name, or with its county, or with its
   * prefecture and county. Two at most: a caller only needs to know whether it is one.
   */
  async byName(name: string): Promise<Town[]> {
    const rows = await this.sql.statement<TownRow>(
      'townsByName',
      sql`select * from town
        where name = ${name} or county || name = ${name} or prefecture || county || name = ${name}
        limit 2`,
    );
    return rows.map(this.sql.model(Town).fromRow);
  }
}
