/**
 * Pure parsing of one town's duty-list document: bytes → typed rows, each with its line number.
 * Knows the layout (titles, repeated headers, TAB-separated cells) and nothing of the meaning of
 * the cells; `normalize.ts` does that.
 */
import { ItemKind } from '../modules/common/enums';
import { IngestError } from './ingest-error';

export interface TownName {
  prefecture: string;
  county: string;
  name: string;
}

export interface SourceRow {
  /** 1-based line of the row in its file. */
  line: number;
  kind: ItemKind;
  /** 序号 */
  number: number;
  /** The raw cells as written, HTML fragments included (provenance). */
  cells: string[];
}

export interface ParsedDocument {
  file: string;
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

export function decodeDocument(bytes: Buffer, file: string): string {
  try {
    // `fatal` makes bad bytes an error instead of U+FFFD; a BOM is stripped by default.
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new IngestError(file, firstInvalidLine(bytes), 'not valid UTF-8 text (is the file in GBK?)');
  }
}

function firstInvalidLine(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(start, i));
      } catch {
        return line;
      }
      line++;
      start = i + 1;
    }
  }
  return line - 1;
}

export function parseDocument(input: Buffer | string, file: string): ParsedDocument {
  const text = typeof input === 'string' ? input.replace(/^\uFEFF/, '') : decodeDocument(input, file);
  const lines = text.split(/\r\n|\r|\n/);

  let town: TownName | undefined;
  let list: ListLayout | undefined;
  let headerSeen = false;
  let lastNumber = 0;
  const listLines = new Map<ItemKind, number>();
  const rows: SourceRow[] = [];

  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const cells = raw.split('\t');

    // A title is a line of its own; a line that starts with a number is a row short of columns.
    if (cells.length === 1 && !/^\s*\d/.test(raw)) {
      const title = parseTitle(raw.trim(), file, line);
      if (town && !sameTown(town, title.town)) {
        throw new IngestError(
          file,
          line,
          `title names ${title.town.prefecture}${title.town.county}${title.town.name}, but the document is for ${town.prefecture}${town.county}${town.name}`,
        );
      }
      const first = listLines.get(title.list.kind);
      if (first !== undefined) {
        throw new IngestError(file, line, `list ${title.list.suffix} appears twice (first at line ${first})`);
      }
      if (list) closeList(list, lastNumber, file, line);
      town = title.town;
      list = title.list;
      listLines.set(list.kind, line);
      headerSeen = false;
      lastNumber = 0;
      return;
    }

    if (!list) throw new IngestError(file, line, 'expected a list title (…清单) before any row');

    if (cells[0].trim() === HEADER_FIRST_CELL) {
      const header = cells.map((cell) => cell.trim());
      if (header.join('\t') !== list.header.join('\t')) {
        throw new IngestError(
          file,
          line,
          `header of ${list.suffix} should be ${list.header.join(' | ')}, found ${header.join(' | ')}`,
        );
      }
      headerSeen = true;
      return;
    }

    if (!headerSeen) throw new IngestError(file, line, `row before the header of ${list.suffix}`);
    if (cells.length !== list.header.length) {
      const what = cells.length < list.header.length ? 'missing column' : 'extra column';
      throw new IngestError(
        file,
        line,
        `${what}: ${list.suffix} rows have ${list.header.length} columns (${list.header.join(', ')}), found ${cells.length}`,
      );
    }

    const number = parseNumber(cells[0], file, line);
    if (number <= lastNumber) {
      const first = rows.find((row) => row.kind === list?.kind && row.number === number);
      throw new IngestError(
        file,
        line,
        first
          ? `number ${number} repeated (first at line ${first.line})`
          : `number ${number} out of order after ${lastNumber}`,
      );
    }
    if (number !== lastNumber + 1) {
      throw new IngestError(file, line, `missing number ${lastNumber + 1} in ${list.suffix} (found ${number})`);
    }
    for (const [column, title] of [
      [1, '事项类别'],
      [2, '事项名称'],
    ] as const) {
      if (cells[column].trim() === '') throw new IngestError(file, line, `empty ${title}`);
    }
    lastNumber = number;
    rows.push({ line, kind: list.kind, number, cells });
  });

  if (!town || !list) throw new IngestError(file, 1, 'empty document: no list title found');
  // The last line of the file: a final line break does not start another line.
  const lastLine = lines.length > 1 && lines[lines.length - 1] === '' ? lines.length - 1 : lines.length;
  closeList(list, lastNumber, file, lastLine);
  for (const layout of LISTS) {
    if (!listLines.has(layout.kind)) {
      throw new IngestError(file, lastLine, `missing list ${layout.suffix}: a document holds all three lists`);
    }
  }
  return { file, town, rows };
}

function parseTitle(title: string, file: string, line: number): { town: TownName; list: ListLayout } {
  const match = TITLE.exec(title.replace(/\s+/gu, ''));
  const list = match && LISTS.find((layout) => layout.suffix === match[4]);
  if (!match || !list) {
    const known = LISTS.map((layout) => `…${layout.suffix}`).join(', ');
    throw new IngestError(file, line, `unknown title "${title}": expected <地区><县><镇> followed by one of ${known}`);
  }
  return { town: { prefecture: match[1], county: match[2], name: match[3] }, list };
}

function closeList(list: ListLayout, lastNumber: number, file: string, line: number): void {
  if (lastNumber === 0) throw new IngestError(file, line, `list ${list.suffix} has no rows`);
}

function parseNumber(cell: string, file: string, line: number): number {
  const trimmed = cell.trim();
  if (!/^\d+$/.test(trimmed)) throw new IngestError(file, line, `序号 "${trimmed}" is not a whole number`);
  return Number(trimmed);
}

function sameTown(a: TownName, b: TownName): boolean {
  return a.prefecture === b.prefecture && a.county === b.county && a.name === b.name;
}
