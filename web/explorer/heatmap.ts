/** The category × department heatmap: an HTML table, cell colour by the number of items. */
import type { CategoryDepartmentMatrix } from './api';
import { h } from './dom';

const EMPTY = [248, 250, 252];
const FULL = [29, 78, 216];

/** From near white (few) to deep blue (most); a cell with any item is visibly tinted. */
function colour(count: number, max: number): string {
  if (count === 0) return 'transparent';
  const t = 0.12 + 0.88 * (count / max);
  const [r, g, b] = EMPTY.map((from, index) => Math.round(from + (FULL[index] - from) * t));
  return `rgb(${r} ${g} ${b})`;
}

export class Heatmap {
  constructor(
    private readonly container: HTMLElement,
    private readonly onSelect: (departmentId: string) => void,
  ) {}

  render(matrix: CategoryDepartmentMatrix, label: (name: string) => string): void {
    const max = Math.max(1, ...matrix.counts.flat());
    if (matrix.categories.length === 0 || matrix.departments.length === 0) {
      this.container.replaceChildren(h('p', { class: 'hint' }, '此范围内没有部门 · No department in this slice'));
      return;
    }
    const head = h(
      'tr',
      {},
      h('th', { class: 'corner', scope: 'col' }, '类别 \\ 部门'),
      ...matrix.departments.map((department) =>
        h(
          'th',
          { scope: 'col', 'data-department': department.id },
          h(
            'button',
            { type: 'button', title: department.name, onclick: () => this.onSelect(department.id) },
            label(department.name),
          ),
        ),
      ),
    );
    const rows = matrix.categories.map((category, i) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, category.name),
        ...matrix.departments.map((department, j) => {
          const count = matrix.counts[i]?.[j] ?? 0;
          return h(
            'td',
            {
              'data-department': department.id,
              'data-count': count,
              title: `${category.name} × ${department.name}：${count} 项 items`,
              style: `background-color: ${colour(count, max)}; color: ${count / max > 0.55 ? '#fff' : '#0f172a'}`,
              onclick: () => this.onSelect(department.id),
            },
            count || '',
          );
        }),
      ),
    );
    this.container.replaceChildren(
      h('table', { class: 'heatmap' }, h('thead', {}, head), h('tbody', {}, ...rows)),
      h(
        'p',
        { class: 'legend' },
        '颜色越深，事项越多 · darker: more items (max ',
        h('span', { 'data-testid': 'heatmap-max' }, max),
        ')',
      ),
    );
  }

  /** Outlines the chosen department's column. */
  mark(departmentId: string | null): void {
    for (const cell of this.container.querySelectorAll('[data-department]')) {
      cell.classList.toggle('chosen', cell.getAttribute('data-department') === departmentId);
    }
  }
}
