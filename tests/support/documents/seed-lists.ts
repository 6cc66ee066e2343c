/**
 * The seed's three lists as a spreadsheet or a Word file would hold them: each cell as the lines a
 * person reads (no HTML), 序号 as a number. The generators of .xlsx, .xls and .docx documents
 * (seed-documents.ts) all start from here, and the format tests hold every reader to it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { htmlBlocks } from '../../../src/ingest/html-text';
import { parseDocument } from '../../../src/ingest/parse';
import { ItemKind } from '../../../src/modules/common/enums';
import { BASIC_HEADER, COOPERATIVE_HEADER, RECLAIMED_HEADER } from '../../ingest/documents';

export const SEED_FILE = path.join(__dirname, '../../../seeds/000_6f0578919a8dbf5e.txt');

export interface SeedItemRow {
  number: number;
  /** The cells after 序号 (事项类别 first), each as its lines. */
  cells: string[][];
}

export interface SeedList {
  kind: ItemKind;
  title: string;
  header: string[];
  rows: SeedItemRow[];
}

const HEADERS: Record<ItemKind, string> = {
  [ItemKind.BASIC]: BASIC_HEADER,
  [ItemKind.COOPERATIVE]: COOPERATIVE_HEADER,
  [ItemKind.RECLAIMED]: RECLAIMED_HEADER,
};

const SUFFIXES: Record<ItemKind, string> = {
  [ItemKind.BASIC]: '基本履职事项清单',
  [ItemKind.COOPERATIVE]: '配合履责事项清单',
  [ItemKind.RECLAIMED]: '上级部门收回事项清单',
};

/**
 * A cell's HTML as the lines of a spreadsheet or Word cell: one per block (`<p>`, `<br>`, `<li>`),
 * and one per `；`-ended item of an `<ol>` whose `<li>` tags the web export lost, since a Word list
 * holds each item as a paragraph of its own. This is the conversion the readers are held to.
 */
export function cellLines(cell: string): string[] {
  return htmlBlocks(cell).flatMap((block) =>
    block.bareList
      ? block.text
          .split(/(?<=[；;])/u)
          .map((piece) => piece.trim())
          .filter((piece) => piece !== '')
      : [block.text],
  );
}

/** A cell's lines as a reader gives them: HTML-escaped, joined by `<br>`. */
export function linesAsHtml(lines: string[]): string {
  return lines.map((line) => line.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('<br>');
}

/** A document's lists (the seed's by default) in document order, read by the text parser. */
export function seedLists(parsed = parseDocument(readFileSync(SEED_FILE), SEED_FILE)): SeedList[] {
  const town = `${parsed.town.prefecture}${parsed.town.county}${parsed.town.name}`;
  const kinds = [...new Set(parsed.rows.map((row) => row.kind))];
  return kinds.map((kind) => ({
    kind,
    title: `${town}${SUFFIXES[kind]}`,
    header: HEADERS[kind].split('\t'),
    rows: parsed.rows
      .filter((row) => row.kind === kind)
      .map((row) => ({ number: row.number, cells: row.cells.slice(1).map(cellLines) })),
  }));
}
