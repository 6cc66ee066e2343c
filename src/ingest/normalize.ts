/**
 * Pure: parsed rows → the entities of one document (town, categories, departments, items, links),
 * with the normalisation of domain.md and warnings for what it could not place.
 */
import { ItemKind, Relation } from '../modules/common/enums';
import { type DepartmentName, departmentNamedBy, departmentOpening, splitDepartments, union } from './department-names';
import { inlineText, plainText, removeSpace } from './html-text';
import type { ParsedDocument, SourceRow, TownName } from './parse';
import { searchText } from './search-text';
import { type Section, sectionSteps, sections, steps } from './steps';

export interface NormalizedLink {
  /** Canonical department name. */
  department: string;
  relation: Relation;
  /** This department's own part of 上级部门职责 / 工作方式, as ordered steps. */
  responsibilities: string[];
}

export interface NormalizedItem {
  kind: ItemKind;
  number: number;
  name: string;
  category: string;
  /** 乡镇（街道）配合职责 as ordered steps; [] where the list has none. */
  townResponsibilities: string[];
  /** 工作方式 of a reclaimed item. */
  workingMethod: string | null;
  /** 不再开展此项工作 */
  discontinued: boolean;
  sourceLine: number;
  sourceCells: string[];
  links: NormalizedLink[];
  /** What `search` looks in: name, steps, working method, its departments' parts and names. */
  searchText: string;
}

export interface ImportWarning {
  file: string;
  line: number;
  /** Where the row is when that is no line of a text file (`sheet 附件2, row 7`). */
  place?: string;
  message: string;
}

export interface NormalizedDocument {
  file: string;
  town: TownName;
  categories: string[];
  departments: DepartmentName[];
  items: NormalizedItem[];
  warnings: ImportWarning[];
}

const DISCONTINUED = '不再开展此项工作';
const WORKING_METHOD = /工作方式[:：]/u;

export function normalizeDocument(document: ParsedDocument): NormalizedDocument {
  const warnings: ImportWarning[] = [];
  const departments = new Map<string, DepartmentName>();
  const warn = (row: SourceRow, message: string) =>
    warnings.push({ file: row.file ?? document.file, line: row.line, place: row.place, message });

  const items = document.rows.map((row): NormalizedItem => {
    const [, category, name] = row.cells;
    const item: NormalizedItem = {
      kind: row.kind,
      number: row.number,
      name: inlineText(name),
      category: removeSpace(inlineText(category)),
      townResponsibilities: [],
      workingMethod: null,
      discontinued: false,
      sourceLine: row.line,
      sourceCells: row.cells,
      links: [],
      searchText: '',
    };
    if (row.kind === ItemKind.COOPERATIVE) {
      const [, , , departmentCell, departmentDuties, townDuties] = row.cells;
      const rowDepartments = rowDepartmentsOf(departmentCell, row, warn);
      item.townResponsibilities = steps(townDuties);
      item.links = cooperativeLinks(departmentDuties, rowDepartments, document.town.county, (message) =>
        warn(row, message),
      );
      rowDepartments.forEach(remember);
    }
    if (row.kind === ItemKind.RECLAIMED) {
      const cell = row.cells[3];
      if (removeSpace(plainText(cell)) === DISCONTINUED) {
        item.discontinued = true;
      } else {
        const marker = WORKING_METHOD.exec(cell);
        if (!marker) warn(row, '承接部门及工作方式 has no 工作方式：; the whole cell is read as departments');
        const rowDepartments = rowDepartmentsOf(marker ? cell.slice(0, marker.index) : cell, row, warn);
        const method = marker ? cell.slice(marker.index + marker[0].length) : '';
        item.workingMethod = plainText(method) || null;
        item.links = reclaimedLinks(method, rowDepartments, document.town.county);
        rowDepartments.forEach(remember);
      }
    }
    item.searchText = searchText([
      item.name,
      ...item.townResponsibilities,
      item.workingMethod,
      ...item.links.flatMap((link) => link.responsibilities),
      ...item.links.flatMap((link) => [link.department, ...(departments.get(link.department)?.aliases ?? [])]),
    ]);
    return item;
  });

  function remember(department: DepartmentName) {
    const known = departments.get(department.name);
    departments.set(department.name, {
      name: department.name,
      aliases: union(known?.aliases ?? [], department.aliases),
    });
  }

  return {
    file: document.file,
    town: document.town,
    categories: [...new Set(items.map((item) => item.category))],
    departments: [...departments.values()],
    items,
    warnings,
  };
}

function rowDepartmentsOf(
  cell: string,
  row: SourceRow,
  warn: (row: SourceRow, message: string) => void,
): DepartmentName[] {
  const found = splitDepartments(inlineText(cell));
  if (found.length === 0) warn(row, 'no department named on a row that needs one');
  return found;
}

/**
 * 上级部门职责 split among the row's departments: a section headed by a department's name is that
 * department's own part; a text without such sections (one block, or topic sections such as
 * `一、职业病`) belongs whole to every department of the row.
 */
function cooperativeLinks(
  cell: string,
  rowDepartments: DepartmentName[],
  county: string,
  warn: (message: string) => void,
): NormalizedLink[] {
  const parts = sections(cell);
  const owned = new Map<string, Section[]>();
  const unowned: Section[] = [];
  for (const section of parts) {
    const owner = section.heading === null ? undefined : departmentNamedBy(section.heading, rowDepartments, county);
    if (owner) owned.set(owner.name, [...(owned.get(owner.name) ?? []), section]);
    else unowned.push(section);
  }
  const whole = parts.flatMap(sectionSteps);
  if (owned.size > 0) {
    for (const section of unowned) {
      if (section.heading !== null) warn(`section "${section.heading}" of 上级部门职责 names no department of the row`);
    }
    for (const department of rowDepartments) {
      if (!owned.has(department.name)) {
        warn(`${department.name} has no section of its own in 上级部门职责; it is given the whole text`);
      }
    }
  }
  return rowDepartments.map((department) => {
    const own = owned.get(department.name);
    return {
      department: department.name,
      relation: Relation.SHARED,
      responsibilities: own ? own.flatMap((section) => section.steps) : whole,
    };
  });
}

/**
 * 工作方式 split among the row's departments: a step that opens with a department's name
 * (`县水利局在汛期来临前…`) is that department's; any other step is every department's.
 */
function reclaimedLinks(method: string, rowDepartments: DepartmentName[], county: string): NormalizedLink[] {
  const methodSteps = steps(method);
  const owners = methodSteps.map((step) => departmentOpening(step, rowDepartments, county)?.name);
  return rowDepartments.map((department) => ({
    department: department.name,
    relation: Relation.RECLAIMED,
    responsibilities: methodSteps.filter((_, i) => owners[i] === undefined || owners[i] === department.name),
  }));
}
