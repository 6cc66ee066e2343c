/**
 * Least privilege: the server reads with a role that can only SELECT; the importer writes with a
 * role that can change rows but not the schema; migrations stay with the owner. Idempotent.
 */
import type { Knex } from '@mikro-orm/postgresql';

export interface RoleSetup {
  reader: { name: string; password: string };
  writer: { name: string; password: string };
}

const IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/u;

export async function setupRoles(knex: Knex, roles: RoleSetup): Promise<void> {
  for (const { name } of [roles.reader, roles.writer]) {
    if (!IDENTIFIER.test(name)) throw new Error(`role name "${name}" must be lower-case letters, digits and _`);
  }
  const { rows } = await knex.raw('select current_database() as database');
  const database = knex.raw('??', [rows[0].database]).toQuery();
  await knex.transaction(async (trx) => {
    for (const [role, privileges] of [
      [roles.reader, 'select'],
      [roles.writer, 'select, insert, update, delete'],
    ] as const) {
      const name = trx.raw('??', [role.name]).toQuery();
      const password = trx.raw('?', [role.password]).toQuery();
      const exists = (await trx.raw('select 1 from pg_roles where rolname = ?', [role.name])).rowCount > 0;
      await trx.raw(`${exists ? 'alter' : 'create'} role ${name} login password ${password}`);
      await trx.raw(`grant connect on database ${database} to ${name}`);
      await trx.raw(`grant usage on schema public to ${name}`);
      await trx.raw(`grant ${privileges} on all tables in schema public to ${name}`);
      // Tables of later migrations get the same grants.
      await trx.raw(`alter default privileges in schema public grant ${privileges} on tables to ${name}`);
    }
  });
}
