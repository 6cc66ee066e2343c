/**
 * Turns a responsibilities cell into ordered steps, and a sectioned cell (`一、… 二、…`) into its
 * sections. The documents number steps as `1.` `2、` `（3）`, or list them as paragraphs, or as an
 * `<ol>` whose `<li>` were lost and only the `；` between items remains.
 */
import { collapseSpace, htmlBlocks, type TextBlock, tidyText } from './html-text';

export interface Section {
  /** The text after `一、`; null for text before the first heading (or an unsectioned cell). */
  heading: string | null;
  steps: string[];
}

const CHINESE_DIGITS = '一二三四五六七八九';

/** 一 → 1, 十 → 10, 十二 → 12, 二十三 → 23; null if not a numeral of that form. */
export function chineseNumeral(text: string): number | null {
  const match = /^([一二三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!match || text === '') return null;
  const [, tens, ten, units] = match;
  if (!ten) return tens && !units ? CHINESE_DIGITS.indexOf(tens) + 1 : null;
  return (tens ? CHINESE_DIGITS.indexOf(tens) + 1 : 1) * 10 + (units ? CHINESE_DIGITS.indexOf(units) + 1 : 0);
}

const HEADING_MARKER = /(?<=^|\s)([一二三四五六七八九十]{1,3})、/gu;
/** `（一）` headings inside a section. */
const SUBHEADING_MARKER = /(?<=^|\s)[（(]([一二三四五六七八九十]{1,3})[）)]/gu;
const STEP_MARKER = /(?<=^|[\s；;。：:])(?:(\d{1,2})\s*[.．、](?!\d)|[（(](\d{1,2})[）)])/gu;

/** Where the heading numbered `expected` starts in `text`, if it does. */
function findHeading(text: string, marker: RegExp, expected: number): { index: number; end: number } | null {
  for (const match of text.matchAll(marker)) {
    if (chineseNumeral(match[1]) === expected) return { index: match.index, end: match.index + match[0].length };
  }
  return null;
}

/** Splits a cell at its `一、` `二、` … headings, which must come in order to count as headings. */
export function sections(cell: string): Section[] {
  const found: { heading: string | null; blocks: TextBlock[] }[] = [{ heading: null, blocks: [] }];
  let expected = 1;
  const add = (text: string, bareList: boolean) => {
    const trimmed = text.trim();
    if (trimmed !== '') found[found.length - 1].blocks.push({ text: trimmed, bareList });
  };

  for (const block of htmlBlocks(cell)) {
    let rest = block.text;
    for (let at = findHeading(rest, HEADING_MARKER, expected); at; at = findHeading(rest, HEADING_MARKER, expected)) {
      add(rest.slice(0, at.index), block.bareList);
      const after = rest.slice(at.end);
      // A heading alone in its block (`<p>一、县委组织部</p>`) may hold spaces; one running on
      // into its text (`一、县水利局 制定…`) ends at the first space.
      const wholeBlock = at.index === 0 && !/[。；;]/u.test(after) && splitNumbered(after) === null;
      const space = after.search(/\s/u);
      const end = wholeBlock || space < 0 ? after.length : space;
      found.push({ heading: collapseSpace(after.slice(0, end)), blocks: [] });
      rest = after.slice(end);
      expected++;
    }
    add(rest, block.bareList);
  }

  return found
    .filter((section, index) => index > 0 || section.blocks.length > 0)
    .map((section) => ({ heading: section.heading, steps: blockSteps(section.blocks) }));
}

/** Ordered steps of a cell, whatever its form; a sectioned cell's steps carry their heading. */
export function steps(cell: string): string[] {
  return sections(cell).flatMap(sectionSteps);
}

/** A section as steps: `分户工作：村对群众…`, or the heading alone when it has no text. */
export function sectionSteps(section: Section): string[] {
  if (section.heading === null) return section.steps;
  if (section.steps.length === 0) return [section.heading];
  return section.steps.map((step) => `${section.heading}：${step}`);
}

function blockSteps(blocks: TextBlock[]): string[] {
  const text = blocks.map((block) => block.text).join('\n');
  const subsections = splitSubsections(text);
  if (subsections.length === 0) return plainSteps(blocks);
  const [lead, ...rest] = subsections;
  return [
    ...plainSteps([{ text: lead.text, bareList: false }]),
    ...rest.flatMap((part) =>
      sectionSteps({ heading: part.heading, steps: plainSteps([{ text: part.text, bareList: false }]) }),
    ),
  ];
}

/** `（一）标题 1. … （二）标题 …` → the text before, then each subsection; [] when there is none. */
function splitSubsections(text: string): { heading: string | null; text: string }[] {
  const parts: { heading: string | null; text: string }[] = [];
  let rest = text;
  for (let at = findHeading(rest, SUBHEADING_MARKER, 1); at; at = findHeading(rest, SUBHEADING_MARKER, parts.length)) {
    if (parts.length === 0) parts.push({ heading: null, text: rest.slice(0, at.index) });
    else parts[parts.length - 1].text = rest.slice(0, at.index);
    const after = rest.slice(at.end).trimStart();
    const space = after.search(/\s/u);
    const end = space < 0 ? after.length : space;
    parts.push({ heading: collapseSpace(after.slice(0, end)), text: '' });
    rest = after.slice(end);
  }
  if (parts.length > 0) parts[parts.length - 1].text = rest;
  return parts;
}

function plainSteps(blocks: TextBlock[]): string[] {
  const numbered = splitNumbered(blocks.map((block) => block.text).join('\n'));
  const pieces = numbered ?? blocks.flatMap((block) => (block.bareList ? block.text.split(/[；;]/u) : [block.text]));
  return pieces.map(cleanStep).filter((step) => step !== '');
}

/** Splits at `1.` `2.` … markers counting up from 1; null when the text has no `1.` marker. */
function splitNumbered(text: string): string[] | null {
  const starts: { index: number; end: number }[] = [];
  for (const match of text.matchAll(STEP_MARKER)) {
    if (Number(match[1] ?? match[2]) === starts.length + 1) {
      starts.push({ index: match.index, end: match.index + match[0].length });
    }
  }
  if (starts.length === 0) return null;
  const pieces = [text.slice(0, starts[0].index)];
  for (const [i, start] of starts.entries()) pieces.push(text.slice(start.end, starts[i + 1]?.index ?? text.length));
  return pieces;
}

function cleanStep(step: string): string {
  return tidyText(step).replace(/[；;，,。\s]+$/u, '');
}
