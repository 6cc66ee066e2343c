/**
 * Shared by the version tests: the seed revised as a county revises its lists (动态调整), a
 * document cut short, and a second town, all made from the seed's text here (seeds/ is never
 * edited).
 */
import { editLine, SEED_LINE, SEED_TEXT, setCell } from '../import/helpers';

/** The new duty the revision inserts as BASIC 5. */
export const INSERTED_NAME = '建立健全镇党委党建工作责任清单，压实基层党建工作责任';
/** COOPERATIVE 2's name, reworded at its start. */
export const COOPERATIVE_2_LINE = 131;

/** Lines of BASIC 5..10 in the seed (one page, no header between). */
const BASIC_5_LINE = 10;
const BASIC_10_LINE = 15;

/**
 * The seed revised: BASIC 10 dropped, a new BASIC 5 inserted (old 5..9 become 6..10),
 * COOPERATIVE 2 renamed keeping most of its text, and COOPERATIVE 43 moved from 托里县总工会 to
 * 托里县医疗保障局. Edited from the bottom up, so that each line is where the seed has it.
 */
export function revisedSeed(): string {
  let text = setCell(SEED_TEXT, SEED_LINE.cooperative43, 3, '托里县医疗保障局');
  text = editLine(text, COOPERATIVE_2_LINE, (cells) => [cells[0], cells[1], renamed(cells[2]), ...cells.slice(3)]);
  text = editLine(text, BASIC_10_LINE, () => undefined);
  for (let line = BASIC_5_LINE; line < BASIC_10_LINE; line++) {
    text = editLine(text, line, ([number, ...rest]) => [String(Number(number) + 1), ...rest]);
  }
  const lines = text.split('\n');
  lines.splice(BASIC_5_LINE - 1, 0, ['5', '党的建设', INSERTED_NAME].join('\t'));
  return lines.join('\n');
}

export function renamed(name: string): string {
  return name.replace('开展镇领导班子', '组织开展镇领导班子');
}

/** The seed's name of a line's duty (its third cell). */
export function seedName(line: number): string {
  return SEED_TEXT.split('\n')[line - 1].split('\t')[2];
}

/** `text` cut after the first `kept` rows of its last list (RECLAIMED), at a row boundary. */
export function truncated(text: string, kept: number): string {
  const lines = text.split('\n');
  const title = lines.findIndex((line) => line.endsWith('上级部门收回事项清单'));
  const last = lines.findIndex((line, i) => i > title && line.startsWith(`${kept}\t`));
  return lines.slice(0, last + 1).join('\n');
}
