/**
 * A web page as a county site serves it: the notice with the site's navigation, scripts and
 * footer around it, and per list a title (a paragraph or heading before the `<table>`, its
 * `<caption>`, or a first row merged across) and a `<table>`. 事项类别 merged down with `rowspan`
 * (or across with `colspan`) stands in every row it covers. Cells are kept as the HTML fragments
 * the page holds, as the seed's text holds them. Tables that hold no `序号` cell, or other tables
 * (a page laid out in tables), are page furniture: their text is read as paragraphs.
 */
import type { AnyNode, Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';
import { BLOCK_TAGS, inlineText } from '../html-text';
import { decodeText } from './encoding';
import { cellHtml, TableCollector } from './grid-tables';
import type { SourceDocument, SourceLocation } from './source-document';

/** Elements whose text no reader sees. */
const HIDDEN = new Set(['head', 'script', 'style', 'noscript', 'template', 'select', 'option', 'iframe', 'svg']);

export function tableRow(table: number, row: number): SourceLocation {
  return { label: `table ${table}, row ${row}`, line: row };
}

/** Where a title read from a paragraph is: before the table it opens. */
function beforeTable(table: number): SourceLocation {
  return { label: `title of table ${table}`, line: 0 };
}

/** The `<meta charset>` (or `http-equiv` content type) near the page's start, as browsers look for it. */
function declaredCharset(bytes: Buffer): string | undefined {
  const head = bytes.subarray(0, 4096).toString('latin1');
  return /<meta[^>]*?charset\s*=\s*["']?\s*([a-z0-9_.:-]+)/iu.exec(head)?.[1];
}

export function readHtmlSource(bytes: Buffer, file: string): SourceDocument {
  const { text, encoding } = decodeText(bytes, file, declaredCharset(bytes));
  const page = parseDocument(text, { withStartIndices: true, withEndIndices: true, decodeEntities: true });
  const collector = new TableCollector(file);
  let tables = 0;
  let paragraph = '';

  const endParagraph = () => {
    const line = paragraph.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
    paragraph = '';
    if (line !== '') collector.line(cellHtml(line), beforeTable(tables + 1));
  };

  /** The cell's markup as the page has it, between its tags (an unclosed `<ol>` inside ends with it). */
  const cellMarkup = (cell: Element): string => {
    if (cell.children.length === 0) return '';
    const start = cell.children[0].startIndex ?? 0;
    const end = (cell.endIndex ?? text.length - 1) + 1;
    const markup = text
      .slice(start, end)
      .replace(/<\/t[dh]\s*>\s*$/iu, '')
      .trim();
    return inlineText(markup) === '' ? '' : markup;
  };

  const readTable = (table: Element) => {
    endParagraph();
    tables++;
    const caption = DomUtils.findOne((node) => node.name === 'caption', table.children, false);
    if (caption) collector.line(cellHtml(DomUtils.textContent(caption)), beforeTable(tables));
    const grid: string[][] = [];
    rowsOf(table).forEach((tr, r) => {
      grid[r] ??= [];
      let column = 0;
      for (const cell of tr.children.filter(isCell)) {
        while (grid[r][column] !== undefined) column++;
        const value = cellMarkup(cell);
        const rows = span(cell, 'rowspan');
        const columns = span(cell, 'colspan');
        for (let dr = 0; dr < rows; dr++) {
          grid[r + dr] ??= [];
          for (let dc = 0; dc < columns; dc++) grid[r + dr][column + dc] = value;
        }
        column += columns;
      }
    });
    grid.forEach((cells, r) => {
      collector.row(
        Array.from(cells, (cell) => cell ?? ''),
        tableRow(tables, r + 1),
      );
    });
  };

  const walk = (nodes: AnyNode[]) => {
    for (const node of nodes) {
      if (node.type === 'text') paragraph += (node as unknown as { data: string }).data;
      if (!isElement(node) || HIDDEN.has(node.name)) continue;
      if (node.name === 'table' && isListTable(node)) {
        readTable(node);
        continue;
      }
      if (BLOCK_TAGS.has(node.name)) endParagraph();
      walk(node.children);
      if (BLOCK_TAGS.has(node.name)) endParagraph();
    }
  };
  walk(page.children);
  endParagraph();
  return { file, format: 'html', encoding, tables: collector.result() };
}

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isCell(node: AnyNode): node is Element {
  return isElement(node) && (node.name === 'td' || node.name === 'th');
}

/** A table of a list: no table inside it, and a `序号` cell among its first rows. */
function isListTable(table: Element): boolean {
  if (DomUtils.findOne((node) => node.name === 'table', table.children, true)) return false;
  return rowsOf(table)
    .slice(0, 5)
    .some((tr) => tr.children.filter(isCell).some((cell) => /^序\s*号$/u.test(DomUtils.textContent(cell).trim())));
}

/** The table's rows in order, within `<thead>`, `<tbody>` and `<tfoot>` or not. */
function rowsOf(table: Element): Element[] {
  return table.children.flatMap((child) => {
    if (!isElement(child)) return [];
    if (child.name === 'tr') return [child];
    if (['thead', 'tbody', 'tfoot'].includes(child.name))
      return child.children.filter(isElement).filter((tr) => tr.name === 'tr');
    return [];
  });
}

function span(cell: Element, attribute: 'rowspan' | 'colspan'): number {
  const value = Number.parseInt(cell.attribs[attribute] ?? '1', 10);
  return Number.isInteger(value) && value >= 1 ? Math.min(value, 1000) : 1;
}
