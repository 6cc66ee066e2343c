/** The chosen department: its place in the network and the items it shares and reclaimed. */
import type { DepartmentItems, DepartmentNode, ItemList, Relation } from './api';
import { h, numberFormat } from './dom';

const KIND_PREFIX = { BASIC: '基本', COOPERATIVE: '配合', RECLAIMED: '收回' } as const;

function itemList(testId: string, title: string, list: ItemList, showTown: boolean): HTMLElement {
  return h(
    'section',
    { class: 'items' },
    h('h3', {}, title, ' ', h('span', { class: 'count', 'data-testid': `${testId}-count` }, list.totalCount)),
    list.nodes.length === 0
      ? h('p', { class: 'hint', 'data-testid': testId }, '无 · none')
      : h(
          'ol',
          { 'data-testid': testId },
          ...list.nodes.map((item) =>
            h(
              'li',
              { 'data-item': item.id, 'data-number': item.number },
              h('span', { class: 'number' }, `${KIND_PREFIX[item.kind]} ${item.number}`),
              h('span', { class: 'name' }, item.name),
              h('span', { class: 'tag' }, showTown ? `${item.town.name} · ${item.category.name}` : item.category.name),
            ),
          ),
        ),
    list.nodes.length < list.totalCount
      ? h('p', { class: 'hint' }, `仅列出前 ${list.nodes.length} 项 · the first ${list.nodes.length} only`)
      : null,
  );
}

export class DepartmentPanel {
  constructor(private readonly container: HTMLElement) {
    this.clear();
  }

  clear(): void {
    this.container.replaceChildren(
      h(
        'p',
        { class: 'hint' },
        '点击图中的部门，或按名称、别名搜索。',
        h('br'),
        'Click a department, or search by name or alias.',
      ),
    );
  }

  loading(name: string): void {
    this.container.replaceChildren(
      h('h2', { 'data-testid': 'department-name' }, name),
      h('p', { class: 'hint' }, '加载中 · loading…'),
    );
  }

  error(message: string): void {
    this.container.replaceChildren(h('p', { class: 'error', role: 'alert' }, message));
  }

  /**
   * `slice` says which items the lists hold: those of the slice the controls chose; with a relation chosen,
   * only that relation's list.
   */
  render(
    department: DepartmentItems,
    node: DepartmentNode | undefined,
    slice: string,
    showTown: boolean,
    relation: Relation | '',
  ): void {
    const metric = (label: string, value: string | number) => h('div', {}, h('dt', {}, label), h('dd', {}, value));
    const content = h(
      'div',
      { class: 'department' },
      h('h2', { 'data-testid': 'department-name' }, department.name),
      department.aliases.length ? h('p', { class: 'aliases' }, `别名 alias：${department.aliases.join('、')}`) : null,
      h('p', { class: 'slice', 'data-testid': 'panel-slice' }, `范围 slice：${slice}`),
      node
        ? h(
            'dl',
            { class: 'metrics' },
            metric('度 degree', node.degree),
            metric('加权度 weighted', node.weightedDegree),
            metric('事项 items', node.itemCount),
            metric('介数 betweenness', numberFormat.format(node.betweenness)),
            metric('社区 community', node.community),
            metric('连通分量 component', node.component),
          )
        : h('p', { class: 'hint', 'data-testid': 'not-in-graph' }, '不在当前网络中 · not in the current network'),
      relation !== 'RECLAIMED' ? itemList('shared-items', '配合履责 Shared', department.shared, showTown) : null,
      relation !== 'SHARED' ? itemList('reclaimed-items', '收回事项 Reclaimed', department.reclaimed, showTown) : null,
    );
    this.container.replaceChildren(content);
  }
}
