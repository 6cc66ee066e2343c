/**
 * Checks a town's lists as any format's reader gives them (formats/source-document.ts) and types
 * their rows: titles, header rows, columns, 序号 order, required cells, all three lists of one
 * town. Knows the layout and nothing of the meaning of the cells; `normalize.ts` does that. Every
 * format is held to the same rules, with the same messages, naming where each problem is.
 */
import { ItemKind } from '../modules/common/enums';
import { decodeText } from './formats/encoding';
import type { SourceDocument, SourceLocation, SourceTable } from './formats/source-document';
import { readTextSource } from './formats/text';
import { inlineText, removeSpace } from './html-text';
import { IngestError, placeOf } from './ingest-error';

export interface TownName {
  prefecture: string;
  county: string;
  name: string;
}

export interface SourceRow {
  /** 1-based line of the row in its file (row of its sheet or table for other formats). */
  line: number;
  /** The file the row is in, where a town's lists came in several. */
  file?: string;
  /** Where the row is when that is no line of a text file (`sheet 附件2, row 7`), for warnings. */
  place?: string;
  kind: ItemKind;
  /** 序号 */
  number: number;
  /** The raw cells as written, HTML fragments included (provenance). */
  cells: string[];
}

/** One town's three lists, from one file or from several imported together. */
export interface ParsedDocument {
  /** The file, or the files joined with `, ` when the lists came in several. */
  file: string;
  /** The files the lists came from, in the order given. */
  files: string[];
  town: TownName;
  rows: SourceRow[];
}

interface ListLayout {
  kind: ItemKind;
  /** How the list's title ends. */
  suffix: string;
  header: readonly string[];
}

const LISTS: readonly ListLayout[] = [
  { kind: ItemKind.BASIC, suffix: '基本履职事项清单', header: ['序号', '事项类别', '事项名称'] },
  {
    kind: ItemKind.COOPERATIVE,
    suffix: '配合履责事项清单',
    header: ['序号', '事项类别', '事项名称', '对应上级部门', '上级部门职责', '乡镇（街道）配合职责'],
  },
  {
    kind: ItemKind.RECLAIMED,
    suffix: '上级部门收回事项清单',
    header: ['序号', '事项类别', '事项名称', '承接部门及工作方式'],
  },
];

/**
 * `塔城地区` `托里县` `托里镇`: prefecture-level, county-level and town-level names, then the list.
 * The list is one of the known suffixes, so that a town name may run past its first `乡`/`街道`
 * (`…街道办事处基本履职事项清单`).
 */
const TITLE = new RegExp(
  `^(.+?(?:地区|自治州|州|盟|市))(.+?(?:自治县|自治旗|县|旗|区|市))(.+?(?:镇|乡|街道|苏木|街道办事处))(${LISTS.map((layout) => layout.suffix).join('|')})$`,
  'u',
);

const HEADER_FIRST_CELL = '序号';

/** One list of one file, checked. */
interface ParsedList {
  layout: ListLayout;
  titleAt: SourceLocation;
  /** Its last row (or its title): where a list missing beside it is reported. */
  end: SourceLocation;
  rows: SourceRow[];
}

/** One file's lists, checked, all of one town. */
export interface ParsedSource {
  file: string;
  town: TownName;
  lists: ParsedList[];
}

/** The seed's text format, from bytes or decoded text: the one town document it holds. */
export function parseDocument(input: Buffer | string, file: string): ParsedDocument {
  const text = typeof input === 'string' ? input : decodeText(input, file).text;
  return parseSource(readTextSource(text, file));
}

/** One file holding all three lists of a town. */
export function parseSource(source: SourceDocument): ParsedDocument {
  const [document] = parseSources([source]);
  return document;
}

/**
 * Files imported together: each is checked, then their lists are grouped by the town their titles
 * name; each town must have its three lists, once each, in one file or across several.
 */
export function parseSources(sources: SourceDocument[]): ParsedDocument[] {
  return townDocuments(sources.map(parseLists));
}

/** One file's lists, checked on their own: what a town's lists from several files are grouped from. */
export function parseLists(source: SourceDocument): ParsedSource {
  const { file } = source;
  let town: TownName | undefined;
  const lists: ParsedList[] = [];
  for (const table of source.tables) {
    const title = parseTitle(table.title, file, table.titleAt);
    if (town && !sameTown(town, title.town)) {
      throw new IngestError(
        file,
        table.titleAt,
        `title names ${townLabel(title.town)}, but the document is for ${townLabel(town)}`,
      );
    }
    const first = lists.find((list) => list.layout.kind === title.list.kind);
    if (first) {
      throw new IngestError(
        file,
        table.titleAt,
        `list ${title.list.suffix} appears twice (first at ${first.titleAt.label})`,
      );
    }
    const previous = lists.at(-1);
    if (previous) closeList(previous, file, table.titleAt);
    town = title.town;
    lists.push(parseRows(table, title.list, file));
  }
  const last = lists.at(-1);
  if (!town || !last) throw new IngestError(file, source.start, 'empty document: no list title found');
  closeList(last, file, last.end);
  return { file, town, lists };
}

function parseRows(table: SourceTable, layout: ListLayout, file: string): ParsedList {
  const rows: SourceRow[] = [];
  let end = table.titleAt;
  let lastNumber = 0;
  let headerSeen = false;
  const numbersAt = new Map<number, SourceLocation>();

  for (const { at, cells } of table.rows) {
    end = at;
    // Readers of grids give a header of two rows (职责 merged above its parts) as one row.
    if (headerCell(cells[0]) === HEADER_FIRST_CELL) {
      const header = cells.map(headerCell);
      if (header.join('\t') !== layout.header.join('\t')) {
        throw new IngestError(
          file,
          at,
          `header of ${layout.suffix} should be ${layout.header.join(' | ')}, found ${header.join(' | ')}`,
        );
      }
      headerSeen = true;
      continue;
    }

    if (!headerSeen) throw new IngestError(file, at, `row before the header of ${layout.suffix}`);
    if (cells.length !== layout.header.length) {
      const what = cells.length < layout.header.length ? 'missing column' : 'extra column';
      throw new IngestError(
        file,
        at,
        `${what}: ${layout.suffix} rows have ${layout.header.length} columns (${layout.header.join(', ')}), found ${cells.length}`,
      );
    }

    const number = parseNumber(cells[0], file, at);
    if (number <= lastNumber) {
      const first = numbersAt.get(number);
      throw new IngestError(
        file,
        at,
        first
          ? `number ${number} repeated (first at ${first.label})`
          : `number ${number} out of order after ${lastNumber}`,
      );
    }
    if (number !== lastNumber + 1) {
      throw new IngestError(file, at, `missing number ${lastNumber + 1} in ${layout.suffix} (found ${number})`);
    }
    for (const [column, title] of [
      [1, '事项类别'],
      [2, '事项名称'],
    ] as const) {
      if (cellText(cells[column]) === '') throw new IngestError(file, at, `empty ${title}`);
    }
    lastNumber = number;
    numbersAt.set(number, at);
    rows.push({ line: at.line, file, place: placeOf(at), kind: layout.kind, number, cells });
  }
  return { layout, titleAt: table.titleAt, end, rows };
}

/** Files' lists grouped by the town their titles name, each town's three lists checked present once. */
export function townDocuments(sources: ParsedSource[]): ParsedDocument[] {
  const towns = new Map<string, ParsedSource[]>();
  for (const source of sources) {
    const key = townLabel(source.town);
    towns.set(key, [...(towns.get(key) ?? []), source]);
  }
  return [...towns.values()].map((group) => {
    const seen = new Map<ItemKind, { file: string; at: SourceLocation }>();
    for (const { file, lists } of group) {
      for (const list of lists) {
        const first = seen.get(list.layout.kind);
        if (first) {
          throw new IngestError(
            file,
            list.titleAt,
            `list ${list.layout.suffix} appears twice (first in ${first.file}, ${first.at.label})`,
          );
        }
        seen.set(list.layout.kind, { file, at: list.titleAt });
      }
    }
    const last = group[group.length - 1];
    const missing = LISTS.find((layout) => !seen.has(layout.kind));
    if (missing) {
      const files = group.map((source) => source.file);
      throw new IngestError(
        last.file,
        last.lists[last.lists.length - 1].end,
        files.length === 1
          ? `missing list ${missing.suffix}: a document holds all three lists`
          : `missing list ${missing.suffix} of ${townLabel(last.town)}: the files imported together (${files.join(', ')}) hold its other lists`,
      );
    }
    return {
      file: group.map((source) => source.file).join(', '),
      files: group.map((source) => source.file),
      town: last.town,
      rows: group.flatMap((source) => source.lists.flatMap((list) => list.rows)),
    };
  });
}

function parseTitle(title: string, file: string, at: SourceLocation): { town: TownName; list: ListLayout } {
  const match = TITLE.exec(removeSpace(title));
  const list = match && LISTS.find((layout) => layout.suffix === match[4]);
  if (!match || !list) {
    const known = LISTS.map((layout) => `…${layout.suffix}`).join(', ');
    throw new IngestError(file, at, `unknown title "${title}": expected <地区><县><镇> followed by one of ${known}`);
  }
  return { town: { prefecture: match[1], county: match[2], name: match[3] }, list };
}

function closeList(list: ParsedList, file: string, at: SourceLocation): void {
  if (list.rows.length === 0) throw new IngestError(file, at, `list ${list.layout.suffix} has no rows`);
}

/** What a reader sees in a cell, on one line; cells without markup are only trimmed. */
function cellText(cell: string | undefined): string {
  if (cell === undefined) return '';
  return /[<&]/.test(cell) ? inlineText(cell) : cell.trim();
}

/** A header cell as compared: no white space (line breaks inside cells), half-width brackets as full. */
function headerCell(cell: string | undefined): string {
  return removeSpace(cellText(cell)).replaceAll('(', '（').replaceAll(')', '）');
}

function parseNumber(cell: string, file: string, at: SourceLocation): number {
  const trimmed = cellText(cell);
  if (!/^\d+$/.test(trimmed)) throw new IngestError(file, at, `序号 "${trimmed}" is not a whole number`);
  return Number(trimmed);
}

function sameTown(a: TownName, b: TownName): boolean {
  return a.prefecture === b.prefecture && a.county === b.county && a.name === b.name;
}

function townLabel(town: TownName): string {
  return `${town.prefecture}${town.county}${town.name}`;
}
