/**
 * The chosen department: its place in the network, the items it shares and reclaimed with its own part in
 * each, its partners, and the shortest chain of departments to another (departmentPath).
 */
import type { DepartmentItems, DepartmentNode, ItemList, Named, Partner, PathStep, Relation } from './api';
import { h, numberFormat } from './dom';

const KIND_PREFIX = { BASIC: '基本', COOPERATIVE: '配合', RECLAIMED: '收回' } as const;
const RELATION_WORDS = { '': '两种关系 both relations', SHARED: '配合 shared', RECLAIMED: '收回 reclaimed' } as const;

export interface PanelActions {
  /** Chooses another department (a partner, a step of a path). */
  select(departmentId: string): void;
  /** The shortest chain from the chosen department to another; null when there is none. */
  findPath(toId: string): Promise<PathStep[] | null>;
  /** Marks a found chain in the graph ([] clears it). */
  showPath(departmentIds: string[]): void;
}

function itemList(
  testId: string,
  title: string,
  list: ItemList,
  departmentId: string,
  relation: Relation,
  showTown: boolean,
): HTMLElement {
  return h(
    'section',
    { class: 'items' },
    h('h3', {}, title, ' ', h('span', { class: 'count', 'data-testid': `${testId}-count` }, list.totalCount)),
    list.nodes.length === 0
      ? h('p', { class: 'hint', 'data-testid': testId }, '无 · none')
      : h(
          'ol',
          { 'data-testid': testId },
          ...list.nodes.map((item) => {
            // 上级部门职责 (shared) or 工作方式 (reclaimed): this department's own part, as the link lists it.
            const own =
              item.links.find((link) => link.department.id === departmentId && link.relation === relation)
                ?.responsibilities ?? [];
            return h(
              'li',
              { 'data-item': item.id, 'data-number': item.number },
              h('span', { class: 'number' }, `${KIND_PREFIX[item.kind]} ${item.number}`),
              h('span', { class: 'name' }, item.name),
              h('span', { class: 'tag' }, showTown ? `${item.town.name} · ${item.category.name}` : item.category.name),
              own.length
                ? h(
                    'ol',
                    { class: 'own', 'data-testid': 'own-responsibilities', title: '本部门职责 its own part' },
                    ...own.map((step) => h('li', {}, step)),
                  )
                : null,
            );
          }),
        ),
    list.nodes.length < list.totalCount
      ? h('p', { class: 'hint' }, `仅列出前 ${list.nodes.length} 项 · the first ${list.nodes.length} only`)
      : null,
  );
}

export class DepartmentPanel {
  private pathToken = 0;

  constructor(
    private readonly container: HTMLElement,
    private readonly actions: PanelActions,
  ) {
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
   * only that relation's list. Partners and paths count items of every town and list, by that relation.
   * `targets` are the departments the path picker offers.
   */
  render(
    department: DepartmentItems,
    node: DepartmentNode | undefined,
    slice: string,
    showTown: boolean,
    relation: Relation | '',
    targets: Named[],
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
      this.partners(department.partners, relation),
      this.pathPicker(
        department,
        targets.filter((target) => target.id !== department.id),
        relation,
      ),
      relation !== 'RECLAIMED'
        ? itemList('shared-items', '配合履责 Shared', department.shared, department.id, 'SHARED', showTown)
        : null,
      relation !== 'SHARED'
        ? itemList('reclaimed-items', '收回事项 Reclaimed', department.reclaimed, department.id, 'RECLAIMED', showTown)
        : null,
    );
    this.container.replaceChildren(content);
  }

  private partners(partners: Partner[], relation: Relation | ''): HTMLElement {
    return h(
      'section',
      { class: 'partners' },
      h(
        'h3',
        {},
        '合作部门 Partners ',
        h('span', { class: 'count', 'data-testid': 'partners-count' }, partners.length),
      ),
      h(
        'p',
        { class: 'hint' },
        `所有乡镇与清单，${RELATION_WORDS[relation]} · all towns and lists; 共同事项 items in common`,
      ),
      partners.length === 0
        ? h('p', { class: 'hint', 'data-testid': 'partners' }, '无 · none')
        : h(
            'ol',
            { 'data-testid': 'partners' },
            ...partners.map((partner) =>
              h(
                'li',
                { 'data-department': partner.department.id },
                h(
                  'button',
                  { type: 'button', class: 'link', onclick: () => this.actions.select(partner.department.id) },
                  partner.department.name,
                ),
                ' ',
                h('span', { class: 'weight' }, partner.weight),
              ),
            ),
          ),
    );
  }

  private pathPicker(department: Named, targets: Named[], relation: Relation | ''): HTMLElement {
    const result = h('div', { class: 'path', 'data-testid': 'path-result' });
    const picker = h(
      'select',
      {
        'data-testid': 'path-target',
        onchange: (event: Event) => void this.findPath(department, (event.target as HTMLSelectElement).value, result),
      },
      h('option', { value: '' }, '选择部门 choose a department…'),
      ...[...targets]
        .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'))
        .map((target) => h('option', { value: target.id }, target.name)),
    );
    return h(
      'section',
      { class: 'path-to' },
      h('h3', {}, '路径 Path to…'),
      h('label', {}, h('span', { class: 'hint' }, `最短部门链，${RELATION_WORDS[relation]} · shortest chain `), picker),
      result,
    );
  }

  private async findPath(from: Named, toId: string, result: HTMLElement): Promise<void> {
    const token = ++this.pathToken;
    this.actions.showPath([]);
    result.replaceChildren();
    delete result.dataset.state;
    if (!toId) return;
    result.dataset.state = 'loading';
    result.append(h('p', { class: 'hint' }, '查找中 · searching…'));
    try {
      const steps = await this.actions.findPath(toId);
      if (token !== this.pathToken) return;
      result.dataset.state = 'ready';
      if (!steps) {
        result.replaceChildren(
          h('p', { class: 'hint', 'data-testid': 'no-path' }, '6 步之内没有路径 · No chain within 6 hops'),
        );
        return;
      }
      this.actions.showPath(steps.map((step) => step.department.id));
      result.replaceChildren(
        h(
          'ol',
          { 'data-testid': 'path' },
          ...steps.map((step, index) =>
            h(
              'li',
              { 'data-department': step.department.id },
              index === 0
                ? h('span', { class: 'name' }, from.name)
                : h(
                    'button',
                    { type: 'button', class: 'link name', onclick: () => this.actions.select(step.department.id) },
                    step.department.name,
                  ),
              step.items.length
                ? h(
                    'span',
                    { class: 'tag', title: step.items.map((item) => item.name).join('\n') },
                    `共同事项 ${step.items.length} items in common：${step.items
                      .map((item) => `${KIND_PREFIX[item.kind]} ${item.number}`)
                      .join('、')}`,
                  )
                : null,
            ),
          ),
        ),
      );
    } catch (error) {
      if (token !== this.pathToken) return;
      result.dataset.state = 'error';
      result.replaceChildren(
        h('p', { class: 'error', role: 'alert' }, `无法查找路径 · Could not find the path: ${String(error)}`),
      );
    }
  }
}
