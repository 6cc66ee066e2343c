import { describe, expect, it } from '@jest/globals';
import {
  type DepartmentName,
  departmentNamedBy,
  departmentOpening,
  nameKey,
  parseDepartmentName,
  referenceForms,
  splitDepartments,
  union,
} from '../../src/ingest/department-names';

const COUNTY = '托里县';

const department = (name: string, ...aliases: string[]): DepartmentName => ({ name, aliases });

const ORGANISATION = department('托里县委组织部');
const HUMAN_RESOURCES = department('托里县人力资源和社会保障局');
const DISCIPLINE = department('托里县纪律检查委员会', '托里县监察委员会');
const ESTABLISHMENT = department('托里县机构编制委员会办公室');
const WATER = department('托里县水利局');
const TRANSPORT = department('托里县交通运输局');
const EMERGENCY = department('托里县应急管理局');
const COMMERCE = department('托里县商务和工业信息化局');
const ENVIRONMENT = department('塔城地区生态环境局托里县分局');
const DEVELOPMENT = department('托里县发展和改革委员会', '数字化发展局');
const HEALTH = department('托里县卫生健康委员会');

const names = (departments: DepartmentName[]): string[] => departments.map((found) => found.name);

describe('parseDepartmentName', () => {
  it('drops white space inside a name', () => {
    expect(parseDepartmentName('托里县住房和城 乡建设局')).toEqual(department('托里县住房和城乡建设局'));
  });

  it('drops NBSP, ideographic space and line breaks too', () => {
    expect(parseDepartmentName(' 托里县商务和工\u00a0业信息化局\u3000\n')).toEqual(
      department('托里县商务和工业信息化局'),
    );
  });

  it('reads a trailing full-width parenthesis as an alias', () => {
    expect(parseDepartmentName('托里县纪律检查委员会（托里县监察委员会）')).toEqual(DISCIPLINE);
  });

  it('reads a trailing half-width parenthesis as an alias', () => {
    expect(parseDepartmentName('托里县纪律检查委员会(托里县监察委员会)')).toEqual(DISCIPLINE);
  });

  it('drops white space in the alias as well', () => {
    expect(parseDepartmentName('托里县纪律检查委员会（托里县 监察委员会）')).toEqual(DISCIPLINE);
  });

  it('keeps a parenthesis that does not end the name', () => {
    expect(parseDepartmentName('托里县（东区）派出所')).toEqual(department('托里县（东区）派出所'));
  });

  it('keeps a plain name as it is', () => {
    expect(parseDepartmentName('中国人民政治协商会议托里县委员会')).toEqual(
      department('中国人民政治协商会议托里县委员会'),
    );
  });
});

describe('nameKey', () => {
  it('removes white space and makes parentheses full-width', () => {
    expect(nameKey('托里县纪律检查委员会 (托里县监察委员会)')).toBe('托里县纪律检查委员会（托里县监察委员会）');
  });
});

describe('splitDepartments', () => {
  it('splits on 、 in order', () => {
    expect(names(splitDepartments('托里县应急管理局、托里县水利局、托里县气象局'))).toEqual([
      '托里县应急管理局',
      '托里县水利局',
      '托里县气象局',
    ]);
  });

  it('reads a single department', () => {
    expect(splitDepartments('托里县委组织部')).toEqual([ORGANISATION]);
  });

  it('joins a name split by white space', () => {
    expect(splitDepartments('托里县住房和城 乡建设局')).toEqual([department('托里县住房和城乡建设局')]);
  });

  it('keeps the alias of a department among others', () => {
    expect(
      splitDepartments('托里县委组织部、托里县人力资源和社会保障局、托里县纪律检查委员会（托里县监察委员会）'),
    ).toEqual([ORGANISATION, HUMAN_RESOURCES, DISCIPLINE]);
  });

  it('does not split on 、 inside parentheses', () => {
    expect(names(splitDepartments('托里县纪律检查委员会（托里县监察委员会、托里县巡察办）、托里县委组织部'))).toEqual([
      '托里县纪律检查委员会',
      '托里县委组织部',
    ]);
  });

  it('reads the same department twice on one row as one, where it first appears', () => {
    expect(
      names(
        splitDepartments(
          '托里县卫生健康委员会、托里县公安局、托里县住房和城乡建设局、托里县市场监督管理局、托里县住房和城乡建设局',
        ),
      ),
    ).toEqual(['托里县卫生健康委员会', '托里县公安局', '托里县住房和城乡建设局', '托里县市场监督管理局']);
  });

  it('reads the same department twice as one even when white space differs', () => {
    expect(splitDepartments('托里县住房和城 乡建设局、托里县住房和城乡建设局')).toEqual([
      department('托里县住房和城乡建设局'),
    ]);
  });

  it('merges the aliases of a department named twice', () => {
    expect(splitDepartments('托里县纪律检查委员会、托里县纪律检查委员会（托里县监察委员会）')).toEqual([DISCIPLINE]);
  });

  it('skips empty parts', () => {
    expect(names(splitDepartments('托里县公安局、 、托里县司法局、'))).toEqual(['托里县公安局', '托里县司法局']);
  });

  it('gives nothing for an empty cell', () => {
    expect(splitDepartments(' ')).toEqual([]);
  });
});

describe('referenceForms', () => {
  it('shortens 托里县X to 县X and 县委X', () => {
    expect(referenceForms(ESTABLISHMENT, COUNTY)).toEqual([
      '托里县机构编制委员会办公室',
      '县机构编制委员会办公室',
      '县委机构编制委员会办公室',
    ]);
  });

  it('does not write 县委委… for a 托里县委… body', () => {
    expect(referenceForms(ORGANISATION, COUNTY)).toEqual(['托里县委组织部', '县委组织部']);
  });

  it('gives the forms of the aliases too', () => {
    expect(referenceForms(DISCIPLINE, COUNTY)).toEqual([
      '托里县纪律检查委员会',
      '县纪律检查委员会',
      '县委纪律检查委员会',
      '托里县监察委员会',
      '县监察委员会',
      '县委监察委员会',
    ]);
  });

  it('gives only the full name of a body not named after the county', () => {
    expect(referenceForms(ENVIRONMENT, COUNTY)).toEqual(['塔城地区生态环境局托里县分局']);
  });
});

describe('departmentNamedBy', () => {
  const row = [ORGANISATION, HUMAN_RESOURCES, DISCIPLINE, ESTABLISHMENT];

  it('finds 托里县委组织部 under 县委组织部', () => {
    expect(departmentNamedBy('县委组织部', row, COUNTY)).toBe(ORGANISATION);
  });

  it('finds 托里县机构编制委员会办公室 under 县委机构编制委员会办公室', () => {
    expect(departmentNamedBy('县委机构编制委员会办公室', row, COUNTY)).toBe(ESTABLISHMENT);
  });

  it('finds 托里县人力资源和社会保障局 under 县人力资源和社会保障局', () => {
    expect(departmentNamedBy('县人力资源和社会保障局', row, COUNTY)).toBe(HUMAN_RESOURCES);
  });

  it('finds a department under its name and alias, both shortened', () => {
    expect(departmentNamedBy('县纪律检查委员会（县监察委员会）', row, COUNTY)).toBe(DISCIPLINE);
  });

  it('finds a department under its shortened alias alone', () => {
    expect(departmentNamedBy('县监察委员会', row, COUNTY)).toBe(DISCIPLINE);
  });

  it('finds a department under its full name', () => {
    expect(departmentNamedBy('托里县委组织部', row, COUNTY)).toBe(ORGANISATION);
    expect(departmentNamedBy('塔城地区生态环境局托里县分局', [WATER, ENVIRONMENT], COUNTY)).toBe(ENVIRONMENT);
  });

  it('finds a department whose heading keeps its alias', () => {
    expect(departmentNamedBy('县发展和改革委员会（数字化发展局）', [WATER, DEVELOPMENT], COUNTY)).toBe(DEVELOPMENT);
  });

  it('ignores white space in the heading', () => {
    expect(departmentNamedBy('县人力资源和 社会保障局', row, COUNTY)).toBe(HUMAN_RESOURCES);
  });

  it.each(['职业病', '地方病', '耕地质量监测', '分户工作'])('finds nobody under the topic %s', (heading) => {
    expect(departmentNamedBy(heading, [...row, HEALTH], COUNTY)).toBeUndefined();
  });

  it('finds nobody under a department that is not on the row', () => {
    expect(departmentNamedBy('县水利局', row, COUNTY)).toBeUndefined();
  });

  it('does not take a heading that merely starts with a department name', () => {
    expect(departmentNamedBy('县委组织部部务会', row, COUNTY)).toBeUndefined();
  });

  it('does not take the short form of another county', () => {
    expect(departmentNamedBy('县委组织部', [department('额敏县委组织部')], COUNTY)).toBeUndefined();
  });
});

describe('departmentOpening', () => {
  const row = [WATER, TRANSPORT, EMERGENCY, COMMERCE];

  it.each([
    ['县水利局在汛期来临前，对蓄滞洪区的安全设施进行检查', WATER],
    ['县交通运输局对检查发现的影响紧急撤离的道路进行维护', TRANSPORT],
    ['县应急管理局对紧急撤离应急预案进行审核', EMERGENCY],
    ['县商务和工业信息化局督促通讯运营商保障蓄滞洪区的通讯畅通', COMMERCE],
    ['托里县水利局负责检查', WATER],
    ['县 水利局负责检查', WATER],
  ])('finds the department that opens %s', (text, expected) => {
    expect(departmentOpening(text, row, COUNTY)).toBe(expected);
  });

  it('finds nobody when the text names a department later on', () => {
    expect(departmentOpening('根据职责分工，县水利局负责检查', row, COUNTY)).toBeUndefined();
  });

  it('finds nobody when the opening department is not on the row', () => {
    expect(departmentOpening('县公安局依法处置', row, COUNTY)).toBeUndefined();
  });

  it('prefers the longest name that opens the text', () => {
    const police = department('托里县公安局');
    const traffic = department('托里县公安局交通警察大队');
    expect(departmentOpening('县公安局交通警察大队负责道路管控', [police, traffic], COUNTY)).toBe(traffic);
    expect(departmentOpening('县公安局负责治安管理', [police, traffic], COUNTY)).toBe(police);
  });

  it('finds a department that opens the text under its alias', () => {
    expect(departmentOpening('县监察委员会依法调查', [ORGANISATION, DISCIPLINE], COUNTY)).toBe(DISCIPLINE);
  });
});

describe('union', () => {
  it('keeps the order of first appearance without duplicates', () => {
    expect(union(['甲', '乙'], ['乙', '丙', '甲'])).toEqual(['甲', '乙', '丙']);
  });
});
