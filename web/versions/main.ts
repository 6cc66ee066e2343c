/**
 * The versions page (/explorer/versions): a town's versions on a timeline, what changed between any
 * two of them (townDiff: added, removed, renumbered, changed with the fields), and two towns'
 * current lists compared (compareTowns). The choices live in the URL, so a view can be linked.
 */
import './style.css';
import { GraphQLRequestError, type ItemKind, request } from '../explorer/api';
import { byTestId, h } from '../explorer/dom';

interface TownOption {
  id: string;
  name: string;
  county: string;
}

interface Version {
  number: number;
  current: boolean;
  effectiveDate: string | null;
  importedAt: string;
  counts: { basic: number; cooperative: number; reclaimed: number };
  changes: { added: unknown[]; removed: unknown[]; changed: unknown[] };
}

interface ItemState {
  number: number;
  name: string;
  category: string;
  departments: string[];
}

interface ItemChange {
  itemId: string;
  kind: ItemKind;
  fields: string[];
  before: ItemState | null;
  after: ItemState | null;
}

interface ListedItem {
  id: string;
  kind: ItemKind;
  number: number;
  name: string;
}

interface Comparison {
  onlyA: ListedItem[];
  onlyB: ListedItem[];
  both: { a: ListedItem; b: { number: number }; fields: string[] }[];
}

const TOWNS_QUERY = /* GraphQL */ `
  query VersionsTowns { towns { id name county } }
`;

const VERSIONS_QUERY = /* GraphQL */ `
  query VersionsOfTown($town: ID!) {
    town(id: $town) {
      versions {
        number current effectiveDate importedAt
        counts { basic cooperative reclaimed }
        changes { added { itemId } removed { itemId } changed { itemId } }
      }
    }
  }
`;

const DIFF_QUERY = /* GraphQL */ `
  query VersionsDiff($town: ID!, $from: Int!, $to: Int!) {
    townDiff(town: $town, from: $from, to: $to) {
      added { ...VersionsChange }
      removed { ...VersionsChange }
      changed { ...VersionsChange }
    }
  }
  fragment VersionsChange on ItemChange {
    itemId kind fields
    before { number name category departments }
    after { number name category departments }
  }
`;

const COMPARE_QUERY = /* GraphQL */ `
  query VersionsCompare($a: ID!, $b: ID!, $kinds: [ItemKind!]) {
    compareTowns(a: $a, b: $b, kinds: $kinds) {
      onlyA { id kind number name }
      onlyB { id kind number name }
      both { a { id kind number name } b { number } fields }
    }
  }
`;

const KIND_NAMES: Record<ItemKind, string> = { BASIC: '基本', COOPERATIVE: '配合', RECLAIMED: '收回' };

/** The fields ItemChange names, as the page shows them. */
const FIELD_NAMES: Record<string, string> = {
  number: '序号 number',
  name: '名称 name',
  category: '类别 category',
  departments: '部门 departments',
  responsibilities: '部门职责 responsibilities',
  townResponsibilities: '乡镇职责 town responsibilities',
  workingMethod: '工作方式 working method',
  discontinued: '取消 discontinued',
};

const townSelect = byTestId<HTMLSelectElement>('town-select');
const fromSelect = byTestId<HTMLSelectElement>('from-select');
const toSelect = byTestId<HTMLSelectElement>('to-select');
const timeline = byTestId<HTMLOListElement>('timeline');
const diffBox = byTestId('diff');
const townASelect = byTestId<HTMLSelectElement>('town-a-select');
const townBSelect = byTestId<HTMLSelectElement>('town-b-select');
const kindSelect = byTestId<HTMLSelectElement>('compare-kind-select');
const comparisonBox = byTestId('comparison');
const status = byTestId('status');

const params = new URLSearchParams(location.search);
let versions: Version[] = [];

/** Each box answers its latest request only: an older answer arriving late is dropped. */
function latestOnly() {
  let asked = 0;
  return async <T>(run: () => Promise<T>, show: (value: T) => void): Promise<void> => {
    const mine = ++asked;
    try {
      const value = await run();
      if (mine === asked) show(value);
    } catch (error) {
      if (mine === asked) showError(error);
    }
  };
}
const diffRequests = latestOnly();
const comparisonRequests = latestOnly();

function showError(error: unknown): void {
  status.hidden = false;
  status.textContent = error instanceof GraphQLRequestError ? error.message : String(error);
}

function saveUrl(): void {
  const next = new URLSearchParams({
    town: townSelect.value,
    from: fromSelect.value,
    to: toSelect.value,
    a: townASelect.value,
    b: townBSelect.value,
  });
  if (kindSelect.value) next.set('kind', kindSelect.value);
  history.replaceState(null, '', `?${next}`);
}

const day = (version: Version) => version.effectiveDate ?? version.importedAt.slice(0, 10);

function renderTimeline(): void {
  const from = Number(fromSelect.value);
  const to = Number(toSelect.value);
  timeline.replaceChildren(
    ...[...versions].reverse().map((version) => {
      const { added, removed, changed } = version.changes;
      return h(
        'li',
        {
          'data-version': version.number,
          class: [version.current && 'current', version.number === from && 'from', version.number === to && 'to']
            .filter(Boolean)
            .join(' '),
        },
        h(
          'button',
          { type: 'button', onclick: () => chooseVersion(version.number) },
          h('strong', {}, `v${version.number}`),
          version.current ? h('span', { class: 'badge' }, '现行 current') : null,
          h('span', { class: 'date', 'data-testid': 'version-date' }, day(version)),
          h(
            'span',
            { class: 'counts' },
            `基本 ${version.counts.basic} · 配合 ${version.counts.cooperative} · 收回 ${version.counts.reclaimed}`,
          ),
          h('span', { class: 'summary' }, `+${added.length} −${removed.length} ~${changed.length}`),
        ),
      );
    }),
  );
}

/** A version chosen on the timeline: what changed in it, against the one before. */
function chooseVersion(number: number): void {
  toSelect.value = String(number);
  fromSelect.value = String(Math.max(1, number - 1));
  void showDiff();
}

const itemLine = (kind: ItemKind, number: string | number, name: string) => [
  h('span', { class: 'kind' }, KIND_NAMES[kind]),
  h('span', { class: 'number' }, String(number)),
  h('span', { class: 'name' }, name),
];

function changeGroup(testId: string, title: string, entries: HTMLLIElement[]): HTMLElement {
  return h(
    'section',
    { 'data-testid': testId },
    h('h3', {}, `${title} (${entries.length})`),
    entries.length > 0 ? h('ul', {}, ...entries) : h('p', { class: 'none' }, '无 none'),
  );
}

/** A changed duty: its number and name after, and each field that differs, before → after where short. */
function changedEntry(change: ItemChange): HTMLLIElement {
  const before = change.before as ItemState;
  const after = change.after as ItemState;
  const shown: Record<string, [string, string]> = {
    name: [before.name, after.name],
    category: [before.category, after.category],
    departments: [before.departments.join('、'), after.departments.join('、')],
  };
  const fields = change.fields.filter((field) => field !== 'number');
  return h(
    'li',
    { 'data-kind': change.kind, 'data-number': after.number, 'data-fields': fields.join(',') },
    ...itemLine(change.kind, after.number, after.name),
    h(
      'ul',
      { class: 'fields' },
      ...fields.map((field) =>
        h(
          'li',
          {},
          h('span', { class: 'field' }, FIELD_NAMES[field] ?? field),
          shown[field] ? ` ${shown[field][0]} → ${shown[field][1]}` : null,
        ),
      ),
    ),
  );
}

function renderDiff(
  from: number,
  to: number,
  diff: { added: ItemChange[]; removed: ItemChange[]; changed: ItemChange[] },
) {
  const renumbered = diff.changed.filter((change) => change.fields.includes('number'));
  const changed = diff.changed.filter((change) => change.fields.some((field) => field !== 'number'));
  const stateLine = (change: ItemChange, state: ItemState) =>
    h(
      'li',
      { 'data-kind': change.kind, 'data-number': state.number },
      ...itemLine(change.kind, state.number, state.name),
    );
  diffBox.replaceChildren(
    h(
      'p',
      { 'data-testid': 'diff-summary', class: 'summary-line' },
      `v${from} → v${to}：新增 ${diff.added.length} added · 删除 ${diff.removed.length} removed · ` +
        `变更 ${changed.length} changed · 重新编号 ${renumbered.length} renumbered`,
    ),
    changeGroup(
      'diff-added',
      '新增 Added',
      diff.added.map((change) => stateLine(change, change.after as ItemState)),
    ),
    changeGroup(
      'diff-removed',
      '删除 Removed',
      diff.removed.map((change) => stateLine(change, change.before as ItemState)),
    ),
    changeGroup(
      'diff-renumbered',
      '重新编号 Renumbered',
      renumbered.map((change) => {
        const [before, after] = [change.before as ItemState, change.after as ItemState];
        return h(
          'li',
          { 'data-kind': change.kind, 'data-number': after.number },
          ...itemLine(change.kind, `${before.number} → ${after.number}`, after.name),
        );
      }),
    ),
    changeGroup('diff-changed', '变更 Changed', changed.map(changedEntry)),
  );
  diffBox.dataset.state = 'ready';
}

async function showDiff(): Promise<void> {
  saveUrl();
  renderTimeline();
  const [town, from, to] = [townSelect.value, Number(fromSelect.value), Number(toSelect.value)];
  if (!town || !from || !to) {
    diffBox.replaceChildren(h('p', { class: 'none' }, '此镇尚无版本 this town has no version yet'));
    diffBox.dataset.state = 'empty';
    return;
  }
  diffBox.dataset.state = 'loading';
  await diffRequests(
    () =>
      request<{ townDiff: { added: ItemChange[]; removed: ItemChange[]; changed: ItemChange[] } }>(DIFF_QUERY, {
        town,
        from,
        to,
      }),
    (data) => renderDiff(from, to, data.townDiff),
  );
}

function versionOptions(select: HTMLSelectElement, wanted: string | null, fallback: number): void {
  select.replaceChildren(
    ...versions.map((version) => h('option', { value: version.number }, `v${version.number} · ${day(version)}`)),
  );
  const chosen = versions.some((version) => String(version.number) === wanted) ? wanted : String(fallback);
  select.value = chosen ?? '';
}

async function loadTown(initial = false): Promise<void> {
  diffBox.dataset.state = 'loading';
  const data = await request<{ town: { versions: Version[] } | null }>(VERSIONS_QUERY, { town: townSelect.value });
  // Oldest first here; the API lists them newest first.
  versions = [...(data.town?.versions ?? [])].reverse();
  const current = versions.find((version) => version.current)?.number ?? versions.length;
  versionOptions(toSelect, initial ? params.get('to') : null, current);
  versionOptions(fromSelect, initial ? params.get('from') : null, Math.max(1, current - 1));
  await showDiff();
}

function renderComparison(a: string, b: string, comparison: Comparison): void {
  const differing = comparison.both.filter((pair) => pair.fields.length > 0);
  const entry = (item: ListedItem) =>
    h('li', { 'data-kind': item.kind, 'data-number': item.number }, ...itemLine(item.kind, item.number, item.name));
  comparisonBox.replaceChildren(
    h(
      'p',
      { 'data-testid': 'comparison-summary', class: 'summary-line' },
      `仅${a} only in A ${comparison.onlyA.length} · 仅${b} only in B ${comparison.onlyB.length} · ` +
        `两镇皆有 in both ${comparison.both.length}（其中不同 differing ${differing.length}）`,
    ),
    changeGroup('only-a', `仅${a} Only in A`, comparison.onlyA.map(entry)),
    changeGroup('only-b', `仅${b} Only in B`, comparison.onlyB.map(entry)),
    changeGroup(
      'differing',
      '不同 Differing',
      differing.map((pair) =>
        h(
          'li',
          { 'data-kind': pair.a.kind, 'data-number': pair.a.number, 'data-fields': pair.fields.join(',') },
          ...itemLine(
            pair.a.kind,
            pair.a.number === pair.b.number ? pair.a.number : `${pair.a.number} / ${pair.b.number}`,
            pair.a.name,
          ),
          h('span', { class: 'field' }, pair.fields.map((field) => FIELD_NAMES[field] ?? field).join('、')),
        ),
      ),
    ),
  );
  comparisonBox.dataset.state = 'ready';
}

async function showComparison(): Promise<void> {
  saveUrl();
  const [a, b] = [townASelect, townBSelect].map((select) => select.selectedOptions[0]);
  if (!a || !b) return;
  comparisonBox.dataset.state = 'loading';
  await comparisonRequests(
    () =>
      request<{ compareTowns: Comparison }>(COMPARE_QUERY, {
        a: a.value,
        b: b.value,
        kinds: kindSelect.value ? [kindSelect.value] : null,
      }),
    (data) => renderComparison(a.dataset.name ?? '', b.dataset.name ?? '', data.compareTowns),
  );
}

async function start(): Promise<void> {
  const { towns } = await request<{ towns: TownOption[] }>(TOWNS_QUERY);
  const options = () =>
    towns.map((town) => h('option', { value: town.id, 'data-name': town.name }, `${town.name}（${town.county}）`));
  const pick = (select: HTMLSelectElement, wanted: string | null, fallback: TownOption | undefined) => {
    select.replaceChildren(...options());
    select.value = towns.some((town) => town.id === wanted) ? (wanted as string) : (fallback?.id ?? '');
  };
  pick(townSelect, params.get('town'), towns[0]);
  pick(townASelect, params.get('a'), towns[0]);
  pick(townBSelect, params.get('b'), towns[1] ?? towns[0]);
  if (params.get('kind')) kindSelect.value = params.get('kind') as string;

  townSelect.addEventListener('change', () => void loadTown().catch(showError));
  fromSelect.addEventListener('change', () => void showDiff());
  toSelect.addEventListener('change', () => void showDiff());
  for (const select of [townASelect, townBSelect, kindSelect]) {
    select.addEventListener('change', () => void showComparison());
  }
  await Promise.all([townSelect.value ? loadTown(true) : showDiff(), showComparison()]);
}

start().catch(showError);
