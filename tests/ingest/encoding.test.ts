import { describe, expect, it } from '@jest/globals';
import iconv from 'iconv-lite';
import { decodeText } from '../../src/ingest/formats/encoding';
import { IngestError } from '../../src/ingest/ingest-error';

const FILE = 'town.txt';
const TEXT = '塔城地区托里县托里镇基本履职事项清单\n序号\t事项类别\t事项名称\n1\t党的建设\t加强党的建设\n';

function rejection(bytes: Buffer, declared?: string): IngestError {
  try {
    decodeText(bytes, FILE, declared);
  } catch (error) {
    if (error instanceof IngestError) return error;
    throw error;
  }
  throw new Error('the bytes were read');
}

describe('decodeText', () => {
  it('reads UTF-8 and says so', () => {
    expect(decodeText(Buffer.from(TEXT), FILE)).toEqual({ text: TEXT, encoding: 'UTF-8' });
  });

  it('reads UTF-8 with a BOM, dropping it', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]);
    expect(decodeText(bytes, FILE)).toEqual({ text: TEXT, encoding: 'UTF-8' });
  });

  it('reads UTF-16LE with its BOM (Notepad’s “Unicode”)', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect(decodeText(bytes, FILE)).toEqual({ text: TEXT, encoding: 'UTF-16LE' });
  });

  it.each(['gbk', 'gb2312', 'gb18030'])('detects %s bytes and reads them as GB18030', (encoding) => {
    expect(decodeText(iconv.encode(TEXT, encoding), FILE)).toEqual({ text: TEXT, encoding: 'GB18030' });
  });

  it('reads GBK a page declares as GB18030', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'), FILE, 'GB2312')).toEqual({ text: TEXT, encoding: 'GB18030' });
  });

  it('reads UTF-8 a page declares as gb2312 as UTF-8, and says what was declared', () => {
    expect(decodeText(Buffer.from(TEXT), FILE, 'gb2312')).toEqual({
      text: TEXT,
      encoding: 'UTF-8 (declared gb2312)',
    });
  });

  it('reads GBK a page declares as UTF-8 as GB18030, and says what was declared', () => {
    expect(decodeText(iconv.encode(TEXT, 'gbk'), FILE, 'utf-8')).toEqual({
      text: TEXT,
      encoding: 'GB18030 (declared utf-8)',
    });
  });

  it('refuses bytes that are neither UTF-8 nor GB18030, at the line that holds them', () => {
    const bytes = Buffer.concat([Buffer.from('a\nb\n'), Buffer.from([0x81, 0x0a])]);
    const error = rejection(bytes);
    expect(error.message).toBe(`${FILE}:3: neither UTF-8 nor GB18030 (GBK, GB2312) text: save the file as UTF-8`);
  });

  it('refuses a file pieced together from UTF-8 and GBK lines', () => {
    const [first, ...rest] = TEXT.split('\n');
    const bytes = Buffer.concat([Buffer.from(`${first}\n`), iconv.encode(rest.join('\n'), 'gbk')]);
    expect(rejection(bytes).message).toBe(
      `${FILE}:2: not valid UTF-8 text, though line 1 is: a file holds one encoding (save it all as UTF-8)`,
    );
  });

  it('refuses an encoding it does not read, naming it', () => {
    expect(rejection(Buffer.from(TEXT), 'big5').message).toBe(
      `${FILE}: declares the encoding big5: only UTF-8 and GB2312/GBK/GB18030 are read; save it as UTF-8`,
    );
  });
});
