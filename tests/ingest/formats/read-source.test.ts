import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { readSource } from '../../../src/ingest/formats/read-source';
import { IngestError } from '../../../src/ingest/ingest-error';
import { seedHtmlBytes } from '../../support/documents/seed-html';
import { SEED_FILE } from '../../support/documents/seed-lists';

async function refusal(bytes: Buffer, file: string): Promise<string> {
  try {
    await readSource(bytes, file);
  } catch (error) {
    if (error instanceof IngestError) return error.message;
    throw error;
  }
  throw new Error('the file was read');
}

describe('readSource chooses the reader by content and name', () => {
  it.each([
    ['town.txt', readFileSync(SEED_FILE), 'text'],
    ['notice.html', seedHtmlBytes(), 'html'],
    ['notice.HTM', seedHtmlBytes(), 'html'],
    // Sites offer "Excel" downloads that are web pages.
    ['lists.xls', seedHtmlBytes(), 'html'],
    ['saved-page.txt', seedHtmlBytes({ encoding: 'gbk', declared: 'gbk' }), 'html'],
  ])('%s is read as %s', async (file, bytes, format) => {
    const source = await readSource(bytes, file);
    expect(source.format).toBe(format);
    expect(source.tables).toHaveLength(3);
  });

  it.each([
    [
      'lists.doc',
      Buffer.from('d0cf11e0a1b11ae1', 'hex'),
      'not supported yet: a Word 97-2003 document (.doc); save it as .docx (Word) and import that',
    ],
    [
      'scan.jpg.pdf',
      Buffer.from('%PDF-1.4'),
      "not supported yet: a PDF; save it as .docx (Word) or .xlsx (Excel), or the web page as .html, and import that (a PDF's tables cannot be read back reliably)",
    ],
    [
      'lists.rtf',
      Buffer.from('{\\rtf1'),
      'not supported yet: .rtf files; save it as .docx (Word) or .xlsx (Excel), or the web page as .html, and import that, or as .txt',
    ],
    [
      'lists.wps',
      Buffer.from('d0cf11e0a1b11ae1', 'hex'),
      'not supported yet: a WPS document (.wps); save it as .docx (Word) and import that',
    ],
  ])('%s is refused with what to save it as', async (file, bytes, reason) => {
    expect(await refusal(bytes, file)).toBe(`${file}: ${reason}`);
  });
});
