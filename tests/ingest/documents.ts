/**
 * Builds small duty-list documents for the ingest tests: each list is its title line, its header
 * row, then rows whose cells are joined with TABs — so a reader can count the lines.
 */
export const TOWN = '塔城地区托里县托里镇';

export const BASIC_TITLE = `${TOWN}基本履职事项清单`;
export const COOPERATIVE_TITLE = `${TOWN}配合履责事项清单`;
export const RECLAIMED_TITLE = `${TOWN}上级部门收回事项清单`;

export const BASIC_HEADER = '序号\t事项类别\t事项名称';
export const COOPERATIVE_HEADER = '序号\t事项类别\t事项名称\t对应上级部门\t上级部门职责\t乡镇（街道）配合职责';
export const RECLAIMED_HEADER = '序号\t事项类别\t事项名称\t承接部门及工作方式';

/** One TAB-separated row. */
export function row(...cells: (string | number)[]): string {
  return cells.join('\t');
}

/** Lines joined with LF, ending with a line break as files do. */
export function documentText(...lines: string[]): string {
  return `${lines.join('\n')}\n`;
}

/** Title + header + rows: the title is the list's first line, the header its second. */
export function basicList(...rows: string[]): string[] {
  return [BASIC_TITLE, BASIC_HEADER, ...rows];
}

export function cooperativeList(...rows: string[]): string[] {
  return [COOPERATIVE_TITLE, COOPERATIVE_HEADER, ...rows];
}

export function reclaimedList(...rows: string[]): string[] {
  return [RECLAIMED_TITLE, RECLAIMED_HEADER, ...rows];
}

/** A smallest row of each list, for documents whose point lies elsewhere. */
export const BASIC_ROW = row(1, '党的建设', '加强党的建设');
export const COOPERATIVE_ROW = row(
  1,
  '党的建设',
  '党内统计工作',
  '托里县委组织部',
  '<p>1. 组织审核汇总；</p>',
  '<p>1. 报送统计数据。</p>',
);
export const RECLAIMED_ROW = row(1, '民生服务', '收养登记', '托里县民政局 工作方式：县民政局负责收养登记。');
