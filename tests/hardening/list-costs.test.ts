/**
 * A query's cost counts the unpaged lists at the size the data gives them (ten towns were costed
 * for 201, and one accepted request answered 24 MB), and an answer beyond the configured size is
 * refused with RESPONSE_TOO_LARGE.
 */
import { describe, expect, it } from '@jest/globals';
import { unsizedLists } from '../../src/graphql/limits';
import { buildHubSchema } from '../../src/graphql/schema';
import { importDocument } from '../../src/ingest/import';
import { documentOf, seedOfTown } from '../import/helpers';
import { useHub } from '../support/hub';
import { seed } from '../support/seed';

/** The seed's sizes, counted here from the parsed document. */
function sizesOf(towns: number) {
  const linksByDepartment = new Map<string, number>();
  const departmentsByCategory = new Map<string, Set<string>>();
  for (const item of seed.items) {
    for (const link of item.links) {
      linksByDepartment.set(link.department, (linksByDepartment.get(link.department) ?? 0) + 1);
      const departments = departmentsByCategory.get(item.category) ?? new Set();
      departmentsByCategory.set(item.category, departments.add(link.department));
    }
  }
  return {
    categories: new Set(seed.items.map((item) => item.category)).size,
    linksPerItem: Math.max(...seed.items.map((item) => item.links.length)),
    // Towns of one county share its departments: each town adds its links to theirs.
    linksPerDepartment: towns * Math.max(...linksByDepartment.values()),
    departmentsPerCategory: Math.max(...[...departmentsByCategory.values()].map((departments) => departments.size)),
  };
}

// Every operation is refused, and its refusal says what it cost.
const hub = useHub({ limits: { maxCost: 1 } });

async function costOf(query: string): Promise<number> {
  const { errors } = await hub.query(query);
  const cost = /^query cost (\d+) exceeds the limit of 1/u.exec(errors?.[0].message ?? '');
  if (!cost) throw new Error(`no cost for ${query}: ${JSON.stringify(errors)}`);
  return Number(cost[1]);
}

describe('the cost of unpaged lists', () => {
  it('sizes every unpaged list of objects in the schema', async () => {
    expect(unsizedLists(await buildHubSchema())).toEqual([]);
  });

  it('counts each list at the size the data gives it', async () => {
    const sizes = sizesOf(1);
    expect(sizes.categories).toBe(21);
    expect(await costOf('{ towns { name } }')).toBe(1 + 1);
    expect(await costOf('{ categories { name } }')).toBe(1 + sizes.categories);
    expect(await costOf('{ categories { departments { name } } }')).toBe(
      1 + sizes.categories * (1 + sizes.departmentsPerCategory),
    );
    expect(await costOf('{ items(first: 10) { nodes { links { relation } } } }')).toBe(
      1 + 10 * (1 + 1 + sizes.linksPerItem),
    );
    expect(await costOf('{ department(name: "托里县应急管理局") { links { relation } } }')).toBe(
      1 + 1 + sizes.linksPerDepartment,
    );
    // A top N is its N; all of them, the data's count.
    expect(await costOf('{ facets { byCategory(first: 3) { count } byTown { count } } }')).toBe(1 + 1 + 3 + 1 + 1);
  });

  it('follows the data: after two more towns are imported, their lists cost what they hold', async () => {
    const knex = hub.database.orm.em.getKnex();
    for (const town of ['库甫乡', '多拉特乡']) await importDocument(knex, documentOf(seedOfTown(town)));
    const sizes = sizesOf(3);
    let towns = 0;
    // The sizes are read again after imports change the data, at most every five seconds.
    for (let attempt = 0; attempt < 100 && towns !== 1 + 3; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      towns = await costOf('{ towns { name } }');
    }
    expect(towns).toBe(1 + 3);
    expect(await costOf('{ department(name: "托里县应急管理局") { links { relation } } }')).toBe(
      1 + 1 + sizes.linksPerDepartment,
    );
  });
});

describe('the size of an answer', () => {
  const small = useHub({
    limits: { maxResponseBytes: 20_000 },
    responseCache: { store: 'memory', maxBytes: 2 ** 20 },
  });

  it('refuses an answer over the limit with RESPONSE_TOO_LARGE, and keeps none', async () => {
    const query = '{ items(first: 200) { nodes { name townResponsibilities } } }';
    for (const accept of ['application/json', 'application/graphql-response+json']) {
      const response = await fetch(small.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept },
        body: JSON.stringify({ query }),
      });
      expect([response.status, response.headers.get('age'), await response.json()]).toEqual([
        accept === 'application/json' ? 200 : 400,
        null,
        {
          errors: [
            {
              message: 'the answer is larger than the limit of 20000 bytes: ask for fewer rows or fields',
              extensions: { code: 'RESPONSE_TOO_LARGE', limit: 20_000 },
            },
          ],
        },
      ]);
    }
    const { data } = await small.query('{ items(first: 2) { nodes { name } } }');
    expect(data?.items.nodes).toHaveLength(2);
  });
});
