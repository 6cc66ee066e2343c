/**
 * The seed as the web page a county site serves (issue 25), built from its rows as parseDocument
 * reads them: the site's navigation, a script and a footer around the notice; per list an `附件N`
 * paragraph, the title and a `<table>` whose 事项类别 is merged down with `rowspan` over each run
 * of one category, a `注：` note row under it, an empty row and an empty column after. Cells are
 * the seed's own HTML fragments, as the page the seed was taken from held them.
 */
import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { type ParsedDocument, parseDocument } from '../../../src/ingest/parse';
import { ItemKind } from '../../../src/modules/common/enums';
import { BASIC_HEADER, COOPERATIVE_HEADER, RECLAIMED_HEADER } from '../../ingest/documents';
import { SEED_FILE } from './seed-lists';

export interface HtmlPageOptions {
  /** `utf-8` (the default) or `gbk`: the bytes of the page. */
  encoding?: 'utf-8' | 'gbk';
  /** The `<meta charset>` the page states; none when undefined. */
  declared?: string;
  /** Where each title is: a paragraph before the table (the default), its caption, or its first row. */
  titleAs?: 'paragraph' | 'caption' | 'row';
  /** The lists of the page, in order: all three by default. */
  kinds?: ItemKind[];
  /** The town each list's title names (prefecture, county and town): the seed's by default. */
  townOf?: (kind: ItemKind) => string;
  /**
   * The cooperative list's header in two rows: 职责分工 across its last two columns above their
   * names, the other names merged down over both rows.
   */
  twoHeaderRows?: boolean;
  /** A column (by its header) left out of every row of one list: a table missing a column. */
  omit?: { kind: ItemKind; column: string };
}

const HEADERS: Record<ItemKind, string[]> = {
  [ItemKind.BASIC]: BASIC_HEADER.split('\t'),
  [ItemKind.COOPERATIVE]: COOPERATIVE_HEADER.split('\t'),
  [ItemKind.RECLAIMED]: RECLAIMED_HEADER.split('\t'),
};

const SUFFIXES: Record<ItemKind, string> = {
  [ItemKind.BASIC]: '基本履职事项清单',
  [ItemKind.COOPERATIVE]: '配合履责事项清单',
  [ItemKind.RECLAIMED]: '上级部门收回事项清单',
};

export const NOTE = '注：本清单实行动态调整。';

export const seedRows = (): ParsedDocument => parseDocument(readFileSync(SEED_FILE), SEED_FILE);

/** The HTML of a page holding the seed's lists. */
export function seedHtml(options: HtmlPageOptions = {}, seed = seedRows()): string {
  const { titleAs = 'paragraph', declared, omit } = options;
  const kinds = options.kinds ?? [ItemKind.BASIC, ItemKind.COOPERATIVE, ItemKind.RECLAIMED];
  const seedTown = `${seed.town.prefecture}${seed.town.county}${seed.town.name}`;
  const lists = kinds.map((kind, index) => {
    const kept = (_: unknown, column: number) => omit?.kind !== kind || HEADERS[kind][column] !== omit.column;
    const header = HEADERS[kind].filter(kept);
    const rows = seed.rows.filter((row) => row.kind === kind).map((row) => ({ ...row, cells: row.cells.filter(kept) }));
    const title = `${options.townOf?.(kind) ?? seedTown}${SUFFIXES[kind]}`;
    const width = header.length + 1; // and an empty column after
    const body = rows.map((row, r) => {
      const [number, category, ...rest] = row.cells;
      // 事项类别 merged down over the run of rows of one category that starts here.
      let run = 0;
      while (r + run < rows.length && rows[r + run].cells[1] === category) run++;
      const startsRun = r === 0 || rows[r - 1].cells[1] !== category;
      const categoryCell = startsRun ? `<td rowspan="${run}">${category}</td>` : '';
      return `<tr><td>${number}</td>${categoryCell}${rest.map((cell) => `<td>${cell}</td>`).join('')}<td></td></tr>`;
    });
    return [
      `<p style="text-align:left">附件${index + 1}</p>`,
      titleAs === 'paragraph' ? `<p class="title" align="center"><strong>${title}</strong></p>` : '',
      '<table border="1" cellspacing="0">',
      titleAs === 'caption' ? `<caption>${title}</caption>` : '',
      '<tbody>',
      titleAs === 'row' ? `<tr><td colspan="${width}">${title}</td></tr>` : '',
      ...headerRows(header, options.twoHeaderRows && kind === ItemKind.COOPERATIVE),
      ...body,
      `<tr><td colspan="${width}">${NOTE}</td></tr>`,
      `<tr>${'<td></td>'.repeat(width)}</tr>`,
      '</tbody></table>',
    ].join('\n');
  });
  return [
    '<!DOCTYPE html>',
    '<html><head>',
    declared ? `<meta http-equiv="Content-Type" content="text/html; charset=${declared}">` : '',
    '<title>关于公布乡镇履职事项清单的通知_托里县人民政府</title>',
    '<script>var nav = "<table><tr><td>序号</td></tr></table>";</script>',
    '<style>td { border: 1px solid #000 }</style>',
    '</head><body>',
    '<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li>通知公告</li></ul></div>',
    '<table class="layout" width="100%"><tr><td>当前位置：首页 &gt; 政务公开 &gt; 通知公告</td></tr></table>',
    '<div class="article"><h1>关于公布托里镇履职事项清单的通知</h1>',
    '<p>发布时间：2024-06-01　来源：托里县人民政府办公室</p>',
    '<p>各乡（镇）人民政府，县直各部门：现将有关清单予以公布，请遵照执行。</p>',
    ...lists,
    '</div>',
    '<div class="footer"><p>主办：托里县人民政府　备案号：新ICP备00000000号</p></div>',
    '</body></html>',
    '',
  ].join('\n');
}

/** The header as one row, or as two with the last two columns grouped under 职责分工. */
function headerRows(header: string[], twoRows = false): string[] {
  if (!twoRows) return [`<tr>${header.map((name) => `<th>${name}</th>`).join('')}<th></th></tr>`];
  const merged = header.slice(0, -2).map((name) => `<th rowspan="2">${name}</th>`);
  return [
    `<tr>${merged.join('')}<th colspan="2">职责分工</th><th rowspan="2"></th></tr>`,
    `<tr>${header
      .slice(-2)
      .map((name) => `<th>${name}</th>`)
      .join('')}</tr>`,
  ];
}

/** The page's bytes, in the encoding asked for. */
export function seedHtmlBytes(options: HtmlPageOptions = {}, seed = seedRows()): Buffer {
  const html = seedHtml(options, seed);
  return options.encoding === 'gbk' ? iconv.encode(html, 'gbk') : Buffer.from(html, 'utf8');
}
