import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { generateTowns, syllableName } from '../../src/ingest/generate';
import { normalizeDocument } from '../../src/ingest/normalize';
import { parseDocument } from '../../src/ingest/parse';

const seedText = readFileSync(path.join(__dirname, '..', '..', 'seeds', '000_6f0578919a8dbf5e.txt'), 'utf8');
const generate = (towns: number) =>
  [...generateTowns(seedText, { towns })].map((document) =>
    normalizeDocument(parseDocument(document.text, document.fileName)),
  );

describe('generated towns', () => {
  const towns = generate(25);

  it('parse as documents of 25 distinct towns in counties of ten', () => {
    expect(new Set(towns.map((town) => `${town.town.county}${town.town.name}`)).size).toBe(25);
    const counties = [...new Set(towns.map((town) => town.town.county))];
    expect(counties).toHaveLength(3);
    expect(towns.filter((town) => town.town.county === counties[0])).toHaveLength(10);
    expect(towns.every((town) => town.warnings.length === 0)).toBe(true);
  });

  it("share their county's departments, and only those", () => {
    const departmentsOf = (county: string) =>
      new Set(towns.filter((t) => t.town.county === county).flatMap((t) => t.departments.map((d) => d.name)));
    const [first, second] = [...new Set(towns.map((town) => town.town.county))];
    const a = departmentsOf(first);
    const b = departmentsOf(second);
    expect(a.size).toBe(40);
    expect([...a].every((name) => !b.has(name))).toBe(true);
    // All but 中国人民政治协商会议…委员会, …生态环境局…分局 and 国家电网…分公司 start with the county.
    expect([...a].filter((name) => name.startsWith(first))).toHaveLength(37);
  });

  it('keep about nine tenths of the seed rows of each list, numbered 1..N', () => {
    for (const town of towns) {
      const basic = town.items.filter((item) => item.kind === 'BASIC');
      expect(basic.map((item) => item.number)).toEqual(basic.map((_, i) => i + 1));
      expect(town.items.length).toBeGreaterThan(200);
      expect(town.items.length).toBeLessThan(255);
    }
  });

  it('are the same every time', () => {
    const again = [...generateTowns(seedText, { towns: 3 })];
    expect(again).toEqual([...generateTowns(seedText, { towns: 3 })]);
    expect(again.map((document) => document.fileName)).toEqual([
      `1_${syllableName(0, 3)}县${syllableName(0, 3)}镇.txt`,
      `2_${syllableName(0, 3)}县${syllableName(1, 3)}镇.txt`,
      `3_${syllableName(0, 3)}县${syllableName(2, 3)}镇.txt`,
    ]);
  });
});
