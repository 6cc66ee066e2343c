/**
 * Department names as the documents write them, and the forms under which a row's text refers to
 * them: `县委组织部` for `托里县委组织部`, `县委机构编制委员会办公室` for `托里县机构编制委员会办公室`.
 */
import { removeSpace } from './html-text';

export interface DepartmentName {
  /** Canonical name: white space removed, trailing `（…）` split off. */
  name: string;
  /** Second names of the same body, from a trailing `（…）`. */
  aliases: string[];
}

const TRAILING_ALIAS = /^(.+?)[（(]([^（）()]+)[）)]$/u;

/** `托里县纪律检查委员会（托里县监察委员会）` → name + alias; white space inside is dropped. */
export function parseDepartmentName(raw: string): DepartmentName {
  const compact = removeSpace(raw);
  const match = TRAILING_ALIAS.exec(compact);
  return match ? { name: match[1], aliases: [match[2]] } : { name: compact, aliases: [] };
}

/** The key lookups compare: white space removed, half-width parentheses made full-width. */
export function nameKey(raw: string): string {
  return removeSpace(raw).replace(/\(/gu, '（').replace(/\)/gu, '）');
}

/** Splits a 对应上级部门 cell on `、` (outside parentheses); the same department twice is one. */
export function splitDepartments(cell: string): DepartmentName[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of cell) {
    if (char === '（' || char === '(') depth++;
    if (char === '）' || char === ')') depth = Math.max(0, depth - 1);
    if (char === '、' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);

  const byName = new Map<string, DepartmentName>();
  for (const part of parts) {
    if (removeSpace(part) === '') continue;
    const parsed = parseDepartmentName(part);
    const known = byName.get(parsed.name);
    if (known) known.aliases = union(known.aliases, parsed.aliases);
    else byName.set(parsed.name, parsed);
  }
  return [...byName.values()];
}

/**
 * Every form under which a department's own row may name it. A county's documents shorten
 * `托里县X` to `县X`, and write `县委X` for some county bodies that are `托里县X` in the list.
 */
export function referenceForms(department: DepartmentName, county: string): string[] {
  const forms = new Set<string>();
  for (const full of [department.name, ...department.aliases]) {
    forms.add(full);
    if (full.startsWith(county)) {
      const rest = full.slice(county.length);
      forms.add(`县${rest}`);
      if (!rest.startsWith('委')) forms.add(`县委${rest}`);
    }
  }
  return [...forms];
}

/** The department among `candidates` that a heading such as `县纪律检查委员会（县监察委员会）` names. */
export function departmentNamedBy(
  heading: string,
  candidates: readonly DepartmentName[],
  county: string,
): DepartmentName | undefined {
  const parsed = parseDepartmentName(heading);
  const said = [parsed.name, ...parsed.aliases];
  return candidates.find((candidate) => referenceForms(candidate, county).some((form) => said.includes(form)));
}

/** The department among `candidates` whose name opens `text` (`县水利局在汛期来临前…`). */
export function departmentOpening(
  text: string,
  candidates: readonly DepartmentName[],
  county: string,
): DepartmentName | undefined {
  const compact = removeSpace(text);
  let best: { department: DepartmentName; length: number } | undefined;
  for (const candidate of candidates) {
    for (const form of referenceForms(candidate, county)) {
      if (compact.startsWith(form) && (!best || form.length > best.length)) {
        best = { department: candidate, length: form.length };
      }
    }
  }
  return best?.department;
}

export function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}
