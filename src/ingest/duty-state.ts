/**
 * Pure: what a duty is in one version (its state), what differs between two states, the digest of
 * a version's content, and how a new document's items continue the current ones (their ids). The
 * import (import.ts) and the API's diffs (src/modules/version/) use the same functions, so a
 * version's `changes` and `townDiff` say what the import saw.
 */
import { createHash } from 'node:crypto';
import type { ItemKind } from '../modules/common/enums';
import { nameKey } from './department-names';
import { bigramCodes } from './search-text';

export interface LinkState {
  /** The department: its id where the import compares, its name where the API answers. */
  department: string;
  relation: string;
  responsibilities: string[];
}

/** A duty in one version: its row's content and its links in position order (no provenance). */
export interface DutyState {
  id: string;
  kind: ItemKind;
  number: number;
  name: string;
  /** The category: its id or its name, as `department`. */
  category: string;
  townResponsibilities: string[];
  workingMethod: string | null;
  discontinued: boolean;
  links: LinkState[];
}

/** What can differ between two states of a duty, in the order they are reported. */
export const CHANGE_FIELDS = [
  'number',
  'name',
  'category',
  'departments',
  'responsibilities',
  'townResponsibilities',
  'workingMethod',
  'discontinued',
] as const;
export type ChangeField = (typeof CHANGE_FIELDS)[number];

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

const FIELD_VALUES: Record<ChangeField, (state: DutyState) => unknown> = {
  number: (state) => state.number,
  name: (state) => state.name,
  category: (state) => state.category,
  // The departments in their order on the row (the lead first), each with its relation.
  departments: (state) => state.links.map((link) => [link.department, link.relation]),
  // The departments' parts in their order, not whose they are: a duty moved to another department
  // with the same text changed its departments alone.
  responsibilities: (state) => state.links.map((link) => link.responsibilities),
  townResponsibilities: (state) => state.townResponsibilities,
  workingMethod: (state) => state.workingMethod,
  discontinued: (state) => state.discontinued,
};

/** The fields in which two states of a duty (or two towns' duties) differ, in CHANGE_FIELDS order. */
export function changedFields(
  a: DutyState,
  b: DutyState,
  fields: readonly ChangeField[] = CHANGE_FIELDS,
): ChangeField[] {
  return fields.filter((field) => !same(FIELD_VALUES[field](a), FIELD_VALUES[field](b)));
}

export interface StateChange {
  kind: ItemKind;
  itemId: string;
  before: DutyState | null;
  after: DutyState | null;
  fields: ChangeField[];
}

export interface StateDiff {
  added: StateChange[];
  removed: StateChange[];
  changed: StateChange[];
}

/**
 * What changed from `before` to `after` (two versions of one town), by id: a duty keeps its id
 * through versions. Each list in the order of the version it is read from (kind, number).
 */
export function diffStates(before: readonly DutyState[], after: readonly DutyState[]): StateDiff {
  const previous = new Map(before.map((state) => [state.id, state]));
  const next = new Set(after.map((state) => state.id));
  const diff: StateDiff = { added: [], removed: [], changed: [] };
  for (const state of after) {
    const old = previous.get(state.id);
    if (!old)
      diff.added.push({ kind: state.kind, itemId: state.id, before: null, after: state, fields: [...CHANGE_FIELDS] });
    else {
      const fields = changedFields(old, state);
      if (fields.length > 0)
        diff.changed.push({ kind: state.kind, itemId: state.id, before: old, after: state, fields });
    }
  }
  for (const state of before) {
    if (!next.has(state.id)) {
      diff.removed.push({ kind: state.kind, itemId: state.id, before: state, after: null, fields: [...CHANGE_FIELDS] });
    }
  }
  return diff;
}

/**
 * SHA-256 of a version's content: its duties by kind and number, without ids (the matching gives
 * them) or provenance (file, row, raw cells). Two documents with the same digest list the same
 * duties, whatever their files' names or formats.
 */
export function contentDigest(states: readonly DutyState[]): string {
  const canonical = [...states]
    .sort((a, b) => (a.kind === b.kind ? a.number - b.number : a.kind < b.kind ? -1 : 1))
    .map(({ id: _, ...content }) => content);
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

/**
 * How much of a renamed duty's text must be kept for it to continue the duty at its number: the
 * Dice coefficient of the two search texts' bigram sets (name, steps, working method, departments'
 * parts). 0.5 keeps a duty whose name was reworded but whose steps stayed (the usual correction),
 * and takes a row that replaced its number's duty with another task for a new duty.
 */
export const SAME_DUTY_SIMILARITY = 0.5;

export interface MatchCandidate {
  kind: ItemKind;
  number: number;
  name: string;
  searchText: string;
}

/**
 * Which current duty each of a document's items continues, within its kind: the same name after
 * normalisation first, whatever the number (the nearest number among duties of one name); then,
 * among those left, the duty at the same number with most of its text kept (SAME_DUTY_SIMILARITY).
 * Returns, per document item, the id it continues or null for a new duty.
 */
export function continuedIds(
  current: readonly (MatchCandidate & { id: string })[],
  wanted: readonly MatchCandidate[],
): (string | null)[] {
  const result: (string | null)[] = wanted.map(() => null);
  const free = new Set(current.map((_, i) => i));
  const byName = new Map<string, number[]>();
  current.forEach((item, i) => {
    const key = `${item.kind} ${nameKey(item.name)}`;
    byName.set(key, [...(byName.get(key) ?? []), i]);
  });
  wanted.forEach((item, w) => {
    const candidates = (byName.get(`${item.kind} ${nameKey(item.name)}`) ?? []).filter((i) => free.has(i));
    if (candidates.length === 0) return;
    const nearest = candidates.reduce((best, i) =>
      Math.abs(current[i].number - item.number) < Math.abs(current[best].number - item.number) ? i : best,
    );
    free.delete(nearest);
    result[w] = current[nearest].id;
  });
  const byNumber = new Map<string, number>();
  for (const i of free) byNumber.set(`${current[i].kind} ${current[i].number}`, i);
  wanted.forEach((item, w) => {
    if (result[w] !== null) return;
    const i = byNumber.get(`${item.kind} ${item.number}`);
    if (i === undefined || !free.has(i)) return;
    if (dice(bigramCodes(current[i].searchText), bigramCodes(item.searchText)) < SAME_DUTY_SIMILARITY) return;
    free.delete(i);
    result[w] = current[i].id;
  });
  return result;
}

/** Dice's coefficient of two sorted sets of numbers: 2|A ∩ B| / (|A| + |B|). */
export function dice(a: readonly number[], b: readonly number[]): number {
  if (a.length + b.length === 0) return 1;
  const set = new Set(a);
  const shared = b.filter((code) => set.has(code)).length;
  return (2 * shared) / (a.length + b.length);
}
