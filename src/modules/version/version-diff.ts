/**
 * Pure: the answers made of states — a duty's history through versions and two towns' comparison.
 * Diffs between versions are duty-state.ts's `diffStates`, which the import uses too.
 */
import { nameKey } from '../../ingest/department-names';
import {
  CHANGE_FIELDS,
  type ChangeField,
  changedFields,
  type DutyState,
  type StateChange,
} from '../../ingest/duty-state';
import type { ItemKind } from '../common/enums';
import type { KeptState } from './version.repository';

/**
 * One entry per version that changed a duty, oldest first: added in its first state's version,
 * changed in each later one, removed where its last state ended.
 */
export function historyOf(states: readonly KeptState[]): StateChange[] {
  const entries: StateChange[] = [];
  states.forEach((state, i) => {
    const before = states[i - 1];
    entries.push({
      kind: state.kind,
      itemId: state.id,
      before: before ?? null,
      after: state,
      fields: before ? changedFields(before, state) : [...CHANGE_FIELDS],
    });
  });
  const last = states[states.length - 1];
  if (last && last.validTo !== null) {
    entries.push({ kind: last.kind, itemId: last.id, before: last, after: null, fields: [...CHANGE_FIELDS] });
  }
  return entries;
}

/** The fields a comparison of two towns reports: a duty's number is its own town's. */
const COMPARED_FIELDS: readonly ChangeField[] = CHANGE_FIELDS.filter((field) => field !== 'number');

export interface Comparison {
  onlyA: DutyState[];
  onlyB: DutyState[];
  both: { a: DutyState; b: DutyState; fields: ChangeField[] }[];
}

/**
 * Two towns' duties matched within a kind by normalised name (each duty once; of two of one name,
 * in number order), of the `kinds` given or all.
 */
export function compareStates(
  a: readonly DutyState[],
  b: readonly DutyState[],
  kinds?: readonly ItemKind[] | null,
): Comparison {
  const wanted = (state: DutyState) => !kinds || kinds.includes(state.kind);
  const keyOf = (state: DutyState) => `${state.kind} ${nameKey(state.name)}`;
  const unmatched = new Map<string, DutyState[]>();
  for (const state of b.filter(wanted)) unmatched.set(keyOf(state), [...(unmatched.get(keyOf(state)) ?? []), state]);
  const result: Comparison = { onlyA: [], onlyB: [], both: [] };
  const paired = new Set<string>();
  for (const state of a.filter(wanted)) {
    const match = unmatched.get(keyOf(state))?.shift();
    if (!match) result.onlyA.push(state);
    else {
      paired.add(match.id);
      result.both.push({ a: state, b: match, fields: changedFields(state, match, COMPARED_FIELDS) });
    }
  }
  result.onlyB = b.filter((state) => wanted(state) && !paired.has(state.id));
  return result;
}
