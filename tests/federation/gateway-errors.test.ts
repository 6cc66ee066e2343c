/**
 * The hub's refusals reach a client through a gateway with their code: behind @apollo/gateway and
 * Hive Gateway, a client reads QUERY_TOO_COMPLEX, BAD_USER_INPUT and NOT_FOUND as the hub said them
 * (a 4xx from the hub had become the gateway's own "400: Bad Request", INTERNAL_SERVER_ERROR), and
 * what another subgraph answered beside a refused field still arrives.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { STAFFING_SDL, startStaffingSubgraph } from '../../examples/staffing-subgraph/server';
import { printHubSchema } from '../../src/graphql/schema';
import { GATEWAYS, type GatewayResult, useGateway } from '../support/gateway';
import { useHub } from '../support/hub';

const hub = useHub({ limits: { maxCost: 2_000 } });
let staffing: Awaited<ReturnType<typeof startStaffingSubgraph>>;

beforeAll(async () => {
  staffing = await startStaffingSubgraph();
});

afterAll(async () => {
  await staffing.stop();
});

const codesAndMessages = (result: GatewayResult) =>
  result.errors?.map((error) => [error.extensions?.code, error.message]);
const UNKNOWN = '00000000-0000-5000-8000-000000000000';

describe.each(GATEWAYS)('through %s', (_name, startGateway) => {
  const gateway = useGateway(startGateway, async () => [
    { name: 'dutyhub', url: hub.url, sdl: await printHubSchema() },
    { name: 'staffing', url: staffing.url, sdl: STAFFING_SDL },
  ]);

  it('a query over the hub’s cost limit: QUERY_TOO_COMPLEX with the hub’s message', async () => {
    const result = await gateway.query('{ items(first: 500) { nodes { kind number name } } }');
    expect(codesAndMessages(result)).toEqual([
      ['QUERY_TOO_COMPLEX', 'query cost 2001 exceeds the limit of 2000: ask for fewer rows or fields'],
    ]);
  });

  it('a bad argument: BAD_USER_INPUT', async () => {
    const result = await gateway.query('{ items(first: 501) { totalCount } }');
    expect(codesAndMessages(result)).toEqual([['BAD_USER_INPUT', 'first must be between 0 and 500, got 501']]);
  });

  it('an unknown department on a path: NOT_FOUND, beside the staffing subgraph’s answer', async () => {
    const result = await gateway.query(
      `{ staff { name } departmentPath(from: "${UNKNOWN}", to: "${UNKNOWN}") { department { name } } }`,
    );
    expect(codesAndMessages(result)).toEqual([['NOT_FOUND', `no department with id ${UNKNOWN}`]]);
    expect(result.errors?.[0].path).toEqual(['departmentPath']);
    expect(result.data).toEqual({ staff: [{ name: '王芳' }, { name: '李强' }], departmentPath: null });
  });
});
