/**
 * Random slices against the contract: filters generated from a fixed seed, each answered by the
 * hub in every shape a dashboard or an analyst asks it (pages in three orders, facets, nested
 * connections, the department graph) and held to the same slice evaluated here on the parsed
 * seed. The hub answers a filter by whichever way is cheapest (counts kept per town or over all
 * towns, kept search counts, pages read by category and kind, kept department pairs, or the
 * items): whatever the way, the numbers and the order must be the contract's. The same on many
 * towns: tests/scale/scale.test.ts.
 */
import { describe, expect, it } from '@jest/globals';
import { useHub } from '../support/hub';
import { seed } from '../support/seed';
import { datasetOf, expectedSlice, randomFilters, SLICE, sliceSizes } from '../support/slice-contract';

const FILTERS = 150;

const hub = useHub();

describe(`${FILTERS} random slices of the seed`, () => {
  const dataset = datasetOf([seed]);
  const filters = randomFilters(dataset, 20261130)(FILTERS);

  it('are as the contract evaluates them on the seed, in every shape a client asks', async () => {
    for (const filter of filters) {
      const { data, errors } = await hub.query(SLICE, { filter });
      expect({ filter, errors }).toEqual({ filter, errors: undefined });
      expect({ filter, ...data }).toEqual({ filter, ...expectedSlice(dataset, filter) });
    }
  });

  it('are of every size: many empty, many broad, and some in between', () => {
    const sizes = sliceSizes(dataset, filters);
    const share = (test: (size: number) => boolean) => sizes.filter(test).length / sizes.length;
    expect(share((size) => size === 0)).toBeGreaterThan(0.1);
    expect(share((size) => size > 0 && size < 50)).toBeGreaterThan(0.2);
    expect(share((size) => size >= 100)).toBeGreaterThan(0.1);
  });
});
