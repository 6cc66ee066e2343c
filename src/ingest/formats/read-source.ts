/**
 * Chooses a file's reader by what the file holds and how it is named: the seed's text (.txt), web
 * pages (.html, .htm), workbooks (.xlsx, .xls) and Word documents (.docx). Formats not read yet
 * (.doc, .pdf, WPS files, anything else) are refused with what to save them as, before anything
 * is written.
 */
import path from 'node:path';
import { IngestError } from '../ingest-error';
import { readWordDocument } from './docx';
import { decodeText } from './encoding';
import { readHtmlSource } from './html';
import type { SourceDocument } from './source-document';
import { readTextSource } from './text';
import { readWorkbook } from './xlsx';

type Reader = (bytes: Buffer, file: string) => SourceDocument | Promise<SourceDocument>;

function readText(bytes: Buffer, file: string): SourceDocument {
  const { text, encoding } = decodeText(bytes, file);
  return readTextSource(text, file, encoding);
}

/** Readers by the extension a file of their format has. */
const READERS: Record<string, Reader> = {
  '.txt': readText,
  '.html': readHtmlSource,
  '.htm': readHtmlSource,
  '.xlsx': readWorkbook,
  '.xls': readWorkbook,
  '.docx': readWordDocument,
};

const SAVE_AS = 'save it as .docx (Word) or .xlsx (Excel), or the web page as .html, and import that';

/** Formats counties publish that are not read yet, and what to do instead. */
const NOT_YET: Record<string, string> = {
  '.doc': `not supported yet: a Word 97-2003 document (.doc); save it as .docx (Word) and import that`,
  '.pdf': `not supported yet: a PDF; ${SAVE_AS} (a PDF's tables cannot be read back reliably)`,
  '.wps': `not supported yet: a WPS document (.wps); save it as .docx (Word) and import that`,
  '.et': `not supported yet: a WPS spreadsheet (.et); save it as .xlsx (Excel) and import that`,
};

/** The extensions of the files a folder given to `import` contributes: those read and those refused with advice. */
export const DOCUMENT_EXTENSIONS: readonly string[] = [...Object.keys(READERS), ...Object.keys(NOT_YET)];

const ZIP = Buffer.from('504b0304', 'hex');
/** Compound File Binary: .xls and .doc, and an .xlsx or .docx saved with a password. */
const CFB = Buffer.from('d0cf11e0a1b11ae1', 'hex');
const PDF = Buffer.from('%PDF-');

const startsWith = (bytes: Buffer, magic: Buffer) => bytes.subarray(0, magic.length).equals(magic);

/** The extension whose reader reads `bytes`, from their content where it tells, else from the name. */
function formatOf(bytes: Buffer, extension: string): string {
  if (startsWith(bytes, PDF)) return '.pdf';
  // A package says what it is by its parts: a workbook named .docx is still a workbook.
  if (startsWith(bytes, ZIP)) {
    if (bytes.includes('word/document')) return '.docx';
    if (bytes.includes('xl/workbook')) return '.xlsx';
    return extension;
  }
  if (startsWith(bytes, CFB)) {
    // Encrypted packages are CFB too: their readers say a password protects them.
    return ['.xlsx', '.xls', '.docx', '.wps', '.et'].includes(extension) ? extension : '.doc';
  }
  // Sites export "Excel" and "Word" downloads that are web pages; a page saved as .txt is one too.
  const start = bytes
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\uFEFF|^\xEF\xBB\xBF/u, '')
    .trimStart();
  if (/^<(!doctype html|html|meta|table|head|body)\b/iu.test(start)) return '.html';
  return extension;
}

/** The file's lists as its format holds them. */
export async function readSource(bytes: Buffer, file: string): Promise<SourceDocument> {
  const extension = path.extname(file).toLowerCase();
  const format = formatOf(bytes, extension);
  const reader = READERS[format];
  if (reader) return reader(bytes, file);
  throw new IngestError(
    file,
    undefined,
    NOT_YET[format] ??
      `not supported yet: ${extension ? `${extension} files` : 'a file without an extension'}; ${SAVE_AS}, or as .txt`,
  );
}
