/**
 * Synthetic towns for scale tests and benchmarks: documents in the seed's format, written from the
 * seed itself so that names, categories, HTML cells and link counts are distributed like the real
 * ones. Towns come in counties of about ten; a county's departments are shared by its towns, as a
 * real county's are. Deterministic: the same arguments give the same documents.
 */

export interface GeneratedDocument {
  fileName: string;
  text: string;
}

export interface GenerateOptions {
  towns: number;
  /** Towns per county. */
  townsPerCounty?: number;
  /** Counties per prefecture. */
  countiesPerPrefecture?: number;
  /** Share of each list's rows a town leaves out, so towns differ (0 to 1). */
  dropShare?: number;
  seed?: number;
}

const NAME_CHARS = [...'安宁和丰东西南北新平泰康福兴永长清河山川阳城林泉金石云柳桥田'];

/** A distinct name of `length` characters for each index. */
export function syllableName(index: number, length: number): string {
  let name = '';
  let rest = index;
  for (let i = 0; i < length; i++) {
    name += NAME_CHARS[rest % NAME_CHARS.length];
    rest = Math.floor(rest / NAME_CHARS.length);
  }
  return name;
}

/** mulberry32: a small seeded generator, enough to vary towns reproducibly. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed's administrative names, which every generated town replaces with its own. */
const SEED_NAMES = { prefecture: '塔城地区', county: '托里县', town: '托里镇', countyShort: '托里' };

export function* generateTowns(seedText: string, options: GenerateOptions): Generator<GeneratedDocument> {
  const perCounty = options.townsPerCounty ?? 10;
  const perPrefecture = options.countiesPerPrefecture ?? 10;
  const dropShare = options.dropShare ?? 0.1;
  const lines = seedText.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const width = String(options.towns).length;

  for (let index = 0; index < options.towns; index++) {
    const countyIndex = Math.floor(index / perCounty);
    const names = {
      prefecture: `${syllableName(Math.floor(countyIndex / perPrefecture), 2)}地区`,
      countyShort: syllableName(countyIndex, 3),
      town: `${syllableName(index, 3)}镇`,
    };
    const rng = random((options.seed ?? 1) * 1_000_003 + index);
    const text = renumber(lines, (line) => /^\d+\t/u.test(line) && rng() < dropShare)
      .map((line) =>
        line
          .replaceAll(SEED_NAMES.prefecture, names.prefecture)
          .replaceAll(SEED_NAMES.town, names.town)
          .replaceAll(SEED_NAMES.countyShort, names.countyShort),
      )
      .join('\n');
    yield { fileName: `${String(index + 1).padStart(width, '0')}_${names.countyShort}县${names.town}.txt`, text };
  }
}

/** Leaves out the rows `drop` picks and numbers each list's remaining rows 1..N again. */
function renumber(lines: string[], drop: (line: string) => boolean): string[] {
  const kept: string[] = [];
  let number = 0;
  for (const line of lines) {
    if (line.includes('清单') && !line.includes('\t')) number = 0;
    if (!/^\d+\t/u.test(line)) {
      kept.push(line);
      continue;
    }
    if (drop(line) && number > 0) continue;
    number++;
    kept.push(line.replace(/^\d+/u, String(number)));
  }
  return kept;
}
