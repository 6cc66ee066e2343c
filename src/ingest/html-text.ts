/**
 * Cells hold HTML fragments (`<p>`, `<ol>`, `<br>`, `&nbsp;` …) and also literal angle brackets
 * (`乡<镇>村`). htmlparser2 follows the HTML tokenizer rules, so `<镇>` stays text while `<p>`
 * becomes a tag; we only need to know where the blocks break.
 */
import { Parser } from 'htmlparser2';

/** A run of text between block boundaries. */
export interface TextBlock {
  text: string;
  /**
   * The block is the body of an `<ol>`/`<ul>` whose `<li>` tags were lost in the export: its items
   * are then told apart only by the `；` that ends each.
   */
  bareList: boolean;
}

/** Elements that end a paragraph of text, in a cell as on a page (formats/html.ts reads pages with it). */
export const BLOCK_TAGS: ReadonlySet<string> = new Set([
  'p',
  'div',
  'br',
  'hr',
  'li',
  'ol',
  'ul',
  'dl',
  'dt',
  'dd',
  'table',
  'caption',
  'tr',
  'td',
  'th',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'blockquote',
  'center',
  'section',
  'article',
  'header',
  'footer',
  'nav',
]);
const LIST_TAGS = new Set(['ol', 'ul']);

/** Every kind of white space the documents use (NBSP from `&nbsp;`, ideographic space) as one space. */
export function collapseSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, ' ').trim();
}

/**
 * A space between two Chinese characters is a line-break artefact of the original (`公租房申 请`);
 * spaces next to digits, Latin text or after punctuation stay, since numbering relies on them.
 */
export function tidyText(text: string): string {
  return collapseSpace(text).replace(/(\p{Script=Han}) (?=\p{Script=Han})/gu, '$1');
}

/** Names carry no meaningful white space: `托里县住房和城 乡建设局` is one word. */
export function removeSpace(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/gu, '');
}

export function htmlBlocks(cell: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  let text = '';
  // For each open list: has an <li> been seen in it?
  const lists: boolean[] = [];

  const flush = () => {
    const collapsed = collapseSpace(text);
    text = '';
    if (collapsed === '') return;
    const openList = lists.length > 0 && !lists[lists.length - 1];
    blocks.push({ text: collapsed, bareList: openList });
  };

  const parser = new Parser(
    {
      onopentag(name) {
        if (!BLOCK_TAGS.has(name)) return;
        flush();
        if (LIST_TAGS.has(name)) lists.push(false);
        if (name === 'li' && lists.length > 0) lists[lists.length - 1] = true;
        // A paragraph cannot sit inside a list in HTML: an unclosed <ol> ends where a <p> starts.
        if (name === 'p') lists.length = 0;
      },
      onclosetag(name) {
        if (!BLOCK_TAGS.has(name)) return;
        flush();
        if (LIST_TAGS.has(name)) lists.pop();
      },
      ontext(chunk) {
        text += chunk;
      },
    },
    { decodeEntities: true },
  );
  parser.write(cell);
  parser.end();
  flush();
  return blocks;
}

/** The text a reader sees: blocks on lines of their own, white space collapsed. */
export function plainText(cell: string): string {
  return htmlBlocks(cell)
    .map((block) => tidyText(block.text))
    .join('\n');
}

/** A one-line value (an item's name, a category): blocks joined, white space collapsed. */
export function inlineText(cell: string): string {
  return tidyText(
    htmlBlocks(cell)
      .map((block) => block.text)
      .join(' '),
  );
}
