/**
 * How PostgreSQL planned a hub statement over repeated requests: a hub on a pool of one
 * connection answers `query` eight times, then that connection's pg_prepared_statements tells how
 * many executions of the statement named `statement` (its SQL comment) were planned for their
 * values (custom) and how many ran the one plan kept (generic). PostgreSQL plans the first five
 * for their values, then keeps a generic plan if it costs no more: executions 6 to 8 use it.
 */
import pino from 'pino';
import { initORM } from '../../src/db/orm';
import { createServer } from '../../src/http/server';
import { RequestSql } from '../../src/modules/common/request-sql';

export const EXECUTIONS = 8;

export async function plansOfStatement(
  url: string,
  request: { statement: string; query: string; variables?: Record<string, unknown> },
): Promise<{ answers: unknown[]; plans: { custom_plans: number; generic_plans: number }[] }> {
  const orm = await initORM({ url, poolSize: 1 });
  const server = await createServer(
    { port: 0, production: false, introspection: false },
    orm,
    pino({ level: 'silent' }),
  );
  try {
    const endpoint = await server.listen(0);
    const answers: unknown[] = [];
    for (let execution = 0; execution < EXECUTIONS; execution++) {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: request.query, variables: request.variables }),
      });
      answers.push(((await response.json()) as { data: unknown }).data);
    }
    const plans = await new RequestSql(orm.em, false).raw<{ custom_plans: number; generic_plans: number }>(
      '/* plansOfStatement */ select custom_plans::int, generic_plans::int from pg_prepared_statements where statement like ?',
      [`/* ${request.statement} */%`],
    );
    return { answers, plans };
  } finally {
    await server.stop();
    await orm.close(true);
  }
}
