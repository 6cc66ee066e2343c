/**
 * A dashboard asks of one slice (a filter's items) its page (`items(filter)`), its counts per kind
 * (`totalCount`, `facets(filter).total`, `byKind`) and its top departments (`facets(filter)
 * .byDepartment`), each from its own resolver. They meet here, in one loader batch, and each
 * filter is one statement (ItemRepository.slice) for all of them: the counts, every top of
 * departments asked, and the filter's first page. A second page of the same filter is a
 * statement of its own; a top of departments asked without counts or page is one too, since the
 * counts would cost it more than they saved. Counts are read only when some part asks for them: a
 * page without its total (`page.counted`) beside no `facets` costs its rows alone.
 */
import DataLoader from 'dataloader';
import type { DepartmentTop } from '../aggregates/department-counts';
import type { ItemKind } from '../common/enums';
import type { Page } from '../common/pagination';
import type { RequestSql } from '../common/request-sql';
import type { Item } from './item.entity';
import type { ItemFilter } from './item.inputs';
import { ItemRepository, type Slice, type SliceDepartment } from './item.repository';
import type { ItemPageQuery } from './item-page-query';

/** One part of a slice, as one resolver asks for it. No filter is `{}`: it selects the same items. */
export type SliceRequest = { filter: ItemFilter } & (
  | { part: 'counts' }
  | { part: 'page'; page: ItemPageQuery }
  | { part: 'departments'; top: DepartmentTop }
);

type SlicePart = Map<ItemKind, number> | Page<Item> | SliceDepartment[];

export type SliceLoader = DataLoader<SliceRequest, SlicePart, string>;

export function sliceLoader(sql: RequestSql): SliceLoader {
  return new DataLoader((requests) => slices(new ItemRepository(sql), requests), { cacheKeyFn: keyOf });
}

/** The counts per kind of a filter's items (all three kinds, zeros included). */
export function sliceCounts(loader: SliceLoader, filter: ItemFilter): Promise<Map<ItemKind, number>> {
  return loader.load({ filter, part: 'counts' }) as Promise<Map<ItemKind, number>>;
}

/** A page of the items of `page.filter`, with their total. */
export function slicePage(loader: SliceLoader, page: ItemPageQuery): Promise<Page<Item>> {
  return loader.load({ filter: page.filter ?? {}, part: 'page', page }) as Promise<Page<Item>>;
}

/** The departments linked to most of a filter's items, most first, then by name. */
export function sliceDepartments(loader: SliceLoader, filter: ItemFilter, top: DepartmentTop) {
  return loader.load({ filter, part: 'departments', top }) as Promise<SliceDepartment[]>;
}

// The page's order is its signature: its columns' SQL need not be written out for a key.
function keyOf(request: SliceRequest): string {
  const filter = JSON.stringify(request.filter);
  switch (request.part) {
    case 'counts':
      return filter;
    case 'page':
      return `${filter} page ${request.page.signature} ${JSON.stringify(request.page.request)} ${request.page.counted} ${request.page.unread}`;
    case 'departments':
      return `${filter} departments ${request.top.relation} ${request.top.first}`;
  }
}

/** What each filter's statement answers: its counts if asked, the tops of departments asked, its first page. */
interface Carrier {
  filter: ItemFilter;
  page: ItemPageQuery | null;
  counted: boolean;
  tops: DepartmentTop[];
  statement?: Promise<Slice>;
}

async function slices(repository: ItemRepository, requests: readonly SliceRequest[]): Promise<SlicePart[]> {
  // Each request's filter as a key, written once for the batch.
  const filterKeys = requests.map((request) => JSON.stringify(request.filter));
  const carriers = new Map<string, Carrier>();
  for (const [i, request] of requests.entries()) {
    if (request.part === 'departments') continue;
    const carrier = carriers.get(filterKeys[i]);
    const page = request.part === 'page' ? request.page : null;
    const counted = page === null || page.counted;
    if (!carrier) carriers.set(filterKeys[i], { filter: request.filter, page, counted, tops: [] });
    else {
      carrier.page ??= page;
      carrier.counted ||= counted;
    }
  }
  for (const [i, request] of requests.entries()) {
    if (request.part === 'departments') carriers.get(filterKeys[i])?.tops.push(request.top);
  }
  // Statements are started inside each request's own promise, which the batch awaits: a failed
  // statement is never an unhandled rejection (tests/faults/database-outage.test.ts).
  const carried = (carrier: Carrier) => {
    carrier.statement ??= repository.slice(carrier.filter, carrier.page, carrier.tops, carrier.counted);
    return carrier.statement;
  };
  return Promise.all(
    requests.map(async (request, i): Promise<SlicePart> => {
      const carrier = carriers.get(filterKeys[i]);
      switch (request.part) {
        case 'counts':
          // A counts request makes its carrier counted.
          return (await carried(carrier as Carrier)).counts as Map<ItemKind, number>;
        case 'page':
          if (carrier?.page !== request.page)
            return (await repository.slice(request.filter, request.page, [], request.page.counted)).page as Page<Item>;
          return (await carried(carrier)).page as Page<Item>;
        case 'departments':
          if (!carrier) return repository.departmentsOfSlice(request.filter, request.top);
          return (await carried(carrier)).departments[carrier.tops.indexOf(request.top)];
      }
    }),
  );
}
