import { describe, expect, it } from '@jest/globals';
import { bigrams, searchText } from '../../src/ingest/search-text';

describe('search text', () => {
  it('joins the pieces an item is found by, one a line, leaving out empty ones', () => {
    expect(searchText(['防汛抗旱', null, '', '托里县应急管理局'])).toBe('防汛抗旱\n托里县应急管理局');
  });

  it('indexes each distinct pair of neighbouring characters, lower-cased, by code point', () => {
    expect(bigrams('防汛 防汛抗旱')).toEqual(['抗旱', '汛抗', '防汛']);
    expect(bigrams('GDP统计')).toEqual(['dp', 'gd', 'p统', '统计']);
  });

  it('never pairs across a line, a space, an ideographic space or a no-break space', () => {
    expect(bigrams('甲乙\n丙丁\u3000戊己\u00a0庚辛 壬癸')).toEqual(['丙丁', '壬癸', '庚辛', '戊己', '甲乙']);
  });

  it('keeps characters outside the Basic Multilingual Plane whole', () => {
    expect(bigrams('𠀀𠀁字')).toEqual(['𠀀𠀁', '𠀁字']);
  });

  it('has nothing to index in text without two neighbouring characters', () => {
    expect(bigrams('')).toEqual([]);
    expect(bigrams('甲 乙')).toEqual([]);
  });
});
