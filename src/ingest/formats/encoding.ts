/**
 * The text encoding of a document's bytes. Counties save documents as UTF-8 (with or without a
 * BOM) or in the Chinese national encodings GB2312/GBK/GB18030 (each a subset of the next, read
 * as GB18030). Nothing is guessed silently: bytes are read as GB18030 only when they are not
 * UTF-8 and decode as GB18030 without a replacement character, and the encoding read is stated.
 */
import iconv from 'iconv-lite';
import { IngestError } from '../ingest-error';
import { textLine } from './text';

export interface DecodedText {
  text: string;
  /** The encoding read (`UTF-8`, `GB18030`, `UTF-16LE`), as the report states it. */
  encoding: string;
}

const GB_LABELS = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'gb_2312-80', 'euc-cn', 'chinese']);
const UTF8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

const BOMS: [Buffer, string][] = [
  [Buffer.from([0xef, 0xbb, 0xbf]), 'utf-8'],
  [Buffer.from([0xff, 0xfe]), 'utf-16le'],
  [Buffer.from([0xfe, 0xff]), 'utf-16be'],
];

/**
 * Bytes → text. `declared` is the charset the document names (an HTML page's `<meta charset>`);
 * a BOM outranks it, as in browsers. Bytes that are not what the declaration says are read as
 * what they are, and the encoding read says so (`UTF-8 (declared gb2312)`).
 */
export function decodeText(bytes: Buffer, file: string, declared?: string): DecodedText {
  for (const [bom, encoding] of BOMS) {
    if (bytes.subarray(0, bom.length).equals(bom)) {
      return { text: new TextDecoder(encoding).decode(bytes), encoding: encoding.toUpperCase() };
    }
  }
  const label = declared?.trim().toLowerCase();
  if (label !== undefined && !GB_LABELS.has(label) && !UTF8_LABELS.has(label)) {
    throw new IngestError(
      file,
      undefined,
      `declares the encoding ${declared}: only UTF-8 and GB2312/GBK/GB18030 are read; save it as UTF-8`,
    );
  }
  // Valid UTF-8 Chinese is no accident of GBK bytes: bytes that are UTF-8 are read as UTF-8.
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: noted('UTF-8', label, declared, GB_LABELS) };
  const utf8Line = utf8LineAmong(bytes);
  if (utf8Line !== undefined) {
    throw new IngestError(
      file,
      textLine(firstNonUtf8Line(bytes)),
      `not valid UTF-8 text, though line ${utf8Line} is: a file holds one encoding (save it all as UTF-8)`,
    );
  }
  const gb = gb18030(bytes);
  if (gb.bad !== undefined) {
    throw new IngestError(
      file,
      textLine(gb.bad),
      'neither UTF-8 nor GB18030 (GBK, GB2312) text: save the file as UTF-8',
    );
  }
  return { text: gb.text, encoding: noted('GB18030', label, declared, UTF8_LABELS) };
}

/** The encoding read, with the declaration when the bytes contradict it. */
function noted(encoding: string, label: string | undefined, declared: string | undefined, contrary: Set<string>) {
  return label !== undefined && contrary.has(label) ? `${encoding} (declared ${declared})` : encoding;
}

function strictUtf8(bytes: Buffer): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

/** The text as GB18030, and the line of its first byte that is no GB18030 (a U+FFFD). */
function gb18030(bytes: Buffer): { text: string; bad?: number } {
  const text = iconv.decode(bytes, 'gb18030');
  const at = text.indexOf('\uFFFD');
  if (at < 0) return { text };
  return { text, bad: text.slice(0, at).split('\n').length };
}

/** Each line of the bytes (LF-separated; CR is ASCII and decodes the same either way). */
function* lines(bytes: Buffer): Generator<[number, Buffer]> {
  let start = 0;
  let line = 1;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      yield [line++, bytes.subarray(start, i)];
      start = i + 1;
    }
  }
}

function firstNonUtf8Line(bytes: Buffer): number {
  for (const [line, content] of lines(bytes)) if (strictUtf8(content) === undefined) return line;
  return 1;
}

/**
 * A line of UTF-8 Chinese among lines that are not UTF-8: a file pieced together from two
 * encodings. Four characters beyond U+07FF as valid UTF-8 do not happen by chance in GBK text.
 */
function utf8LineAmong(bytes: Buffer): number | undefined {
  for (const [line, content] of lines(bytes)) {
    const text = strictUtf8(content);
    if (text !== undefined && (text.match(/[\u0800-\uffff]/gu)?.length ?? 0) >= 4) return line;
  }
  return undefined;
}
