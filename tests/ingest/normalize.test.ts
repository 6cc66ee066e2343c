import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from '@jest/globals';
import type { SourceDocument, SourceLocation } from '../../src/ingest/formats/source-document';
import { readTextSource } from '../../src/ingest/formats/text';
import {
  type NormalizedDocument,
  type NormalizedItem,
  type NormalizedLink,
  normalizeDocument,
} from '../../src/ingest/normalize';
import { parseDocument, parseSource } from '../../src/ingest/parse';
import { steps } from '../../src/ingest/steps';
import { ItemKind, Relation } from '../../src/modules/common/enums';
import {
  BASIC_ROW,
  basicList,
  COOPERATIVE_ROW,
  cooperativeList,
  documentText,
  RECLAIMED_ROW,
  reclaimedList,
  row,
} from './documents';

const SEED = join(__dirname, '../../seeds/000_6f0578919a8dbf5e.txt');
const SEED_FILE = 'seeds/000_6f0578919a8dbf5e.txt';

function itemOf(document: NormalizedDocument, kind: ItemKind, number: number): NormalizedItem {
  const found = document.items.find((item) => item.kind === kind && item.number === number);
  if (!found) throw new Error(`no ${kind} item ${number}`);
  return found;
}

function linkOf(item: NormalizedItem, department: string): NormalizedLink {
  const found = item.links.find((link) => link.department === department);
  if (!found) throw new Error(`${item.kind} ${item.number} has no link to ${department}`);
  return found;
}

const departmentsOf = (item: NormalizedItem): string[] => item.links.map((link) => link.department);

/** Normalises a small document built from lines. */
function normalizeLines(...lines: string[]): NormalizedDocument {
  return normalizeDocument(parseDocument(documentText(...lines), 'town.txt'));
}

describe('normalizeDocument on the seed document', () => {
  let seed: NormalizedDocument;
  let links: NormalizedLink[];

  beforeAll(() => {
    seed = normalizeDocument(parseDocument(readFileSync(SEED), SEED_FILE));
    links = seed.items.flatMap((item) => item.links);
  });

  describe('counts', () => {
    it('is for one town: 托里镇 in 托里县, 塔城地区', () => {
      expect(seed.file).toBe(SEED_FILE);
      expect(seed.town).toEqual({ prefecture: '塔城地区', county: '托里县', name: '托里镇' });
    });

    it('has 104 basic, 111 cooperative and 40 reclaimed items', () => {
      const count = (kind: ItemKind) => seed.items.filter((item) => item.kind === kind).length;
      expect(count(ItemKind.BASIC)).toBe(104);
      expect(count(ItemKind.COOPERATIVE)).toBe(111);
      expect(count(ItemKind.RECLAIMED)).toBe(40);
      expect(seed.items).toHaveLength(255);
    });

    it('numbers the items of each list 1..N in order', () => {
      for (const [kind, total] of [
        [ItemKind.BASIC, 104],
        [ItemKind.COOPERATIVE, 111],
        [ItemKind.RECLAIMED, 40],
      ] as const) {
        const numbers = seed.items.filter((item) => item.kind === kind).map((item) => item.number);
        expect(numbers).toEqual(Array.from({ length: total }, (_, index) => index + 1));
      }
    });

    it('has 21 categories, each once and without white space', () => {
      expect(seed.categories).toHaveLength(21);
      expect(new Set(seed.categories).size).toBe(21);
      expect(seed.categories.filter((category) => /\s/u.test(category))).toEqual([]);
      expect(seed.categories).toEqual(
        expect.arrayContaining(['党的建设', '民生服务', '应急管理及消防', '教育培训监管']),
      );
    });

    it('gives every item one of the categories', () => {
      const categories = new Set(seed.categories);
      expect(seed.items.filter((item) => !categories.has(item.category))).toEqual([]);
    });

    it('has 40 departments, each once and without white space', () => {
      const names = seed.departments.map((department) => department.name);
      expect(names).toHaveLength(40);
      expect(new Set(names).size).toBe(40);
      expect(names.filter((name) => /\s/u.test(name))).toEqual([]);
    });

    it('has 166 shared links and 51 reclaimed links', () => {
      expect(links.filter((link) => link.relation === Relation.SHARED)).toHaveLength(166);
      expect(links.filter((link) => link.relation === Relation.RECLAIMED)).toHaveLength(51);
      expect(links).toHaveLength(217);
    });

    it('links cooperative items by SHARED, reclaimed items by RECLAIMED and basic items not at all', () => {
      const relations = (kind: ItemKind) =>
        new Set(
          seed.items.filter((item) => item.kind === kind).flatMap((item) => item.links.map((link) => link.relation)),
        );
      expect([...relations(ItemKind.BASIC)]).toEqual([]);
      expect([...relations(ItemKind.COOPERATIVE)]).toEqual([Relation.SHARED]);
      expect([...relations(ItemKind.RECLAIMED)]).toEqual([Relation.RECLAIMED]);
    });

    it('links only to departments it holds', () => {
      const names = new Set(seed.departments.map((department) => department.name));
      expect(links.filter((link) => !names.has(link.department))).toEqual([]);
    });

    it('links every cooperative item to at least one department', () => {
      const unlinked = seed.items.filter((item) => item.kind === ItemKind.COOPERATIVE && item.links.length === 0);
      expect(unlinked.map((item) => item.number)).toEqual([]);
    });

    it('never links an item twice to one department', () => {
      const doubled = seed.items.filter((item) => new Set(departmentsOf(item)).size !== item.links.length);
      expect(doubled.map((item) => `${item.kind} ${item.number}`)).toEqual([]);
    });

    it('has no warnings', () => {
      expect(seed.warnings).toEqual([]);
    });
  });

  describe('departments', () => {
    it('holds 托里县纪律检查委员会 with its alias 托里县监察委员会', () => {
      const discipline = seed.departments.find((department) => department.name === '托里县纪律检查委员会');
      expect(discipline?.aliases).toEqual(['托里县监察委员会']);
    });

    it('does not hold the alias as a department of its own', () => {
      expect(seed.departments.filter((department) => department.name === '托里县监察委员会')).toEqual([]);
    });

    it('holds 托里县发展和改革委员会 with its alias 数字化发展局', () => {
      const development = seed.departments.find((department) => department.name === '托里县发展和改革委员会');
      expect(development?.aliases).toEqual(['数字化发展局']);
    });

    it('holds 托里县住房和城乡建设局 once, though rows write it 托里县住房和城 乡建设局', () => {
      const names = seed.departments.map((department) => department.name);
      expect(names.filter((name) => name.startsWith('托里县住房和城'))).toEqual(['托里县住房和城乡建设局']);
      expect(departmentsOf(itemOf(seed, ItemKind.COOPERATIVE, 71))).toEqual(['托里县住房和城乡建设局']);
    });

    it('holds only the two aliases of the document', () => {
      const withAliases = seed.departments.filter((department) => department.aliases.length > 0);
      expect(withAliases.map((department) => department.name)).toEqual([
        '托里县纪律检查委员会',
        '托里县发展和改革委员会',
      ]);
    });
  });

  describe('items', () => {
    it('keeps the line and the raw cells of a row', () => {
      const first = itemOf(seed, ItemKind.BASIC, 1);
      expect(first.sourceLine).toBe(6);
      expect(first.sourceCells).toHaveLength(3);
      expect(itemOf(seed, ItemKind.BASIC, 104).sourceLine).toBe(125);
      expect(itemOf(seed, ItemKind.COOPERATIVE, 1).sourceLine).toBe(130);
      expect(itemOf(seed, ItemKind.RECLAIMED, 1).sourceLine).toBe(301);
      expect(itemOf(seed, ItemKind.RECLAIMED, 39).sourceLine).toBe(347);
    });

    it('drops the line-break spaces between Chinese characters in names and steps', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 72);
      expect(item.name).toBe(
        '产生厨余垃圾的餐饮经营者，机关、学校、企业事业单位的集体食堂和其他生产经营者餐厨垃圾的监管',
      );
      expect(itemOf(seed, ItemKind.COOPERATIVE, 70).name).toBe('通讯设施建设和保护工作');
      expect(seed.items.filter((each) => /\p{Script=Han} \p{Script=Han}/u.test(each.name))).toEqual([]);
    });

    it('reads name and category of a basic item, with no responsibilities and no links', () => {
      const item = itemOf(seed, ItemKind.BASIC, 104);
      expect(item.name).toBe('加强便民服务中心规范化建设，开展政务服务工作');
      expect(item.category).toBe('综合政务');
      expect(item.townResponsibilities).toEqual([]);
      expect(item.workingMethod).toBeNull();
      expect(item.discontinued).toBe(false);
      expect(item.links).toEqual([]);
    });

    it('has one discontinued item, reclaimed 5, with no links and no working method', () => {
      const discontinued = seed.items.filter((item) => item.discontinued);
      expect(discontinued.map((item) => [item.kind, item.number])).toEqual([[ItemKind.RECLAIMED, 5]]);
      expect(discontinued[0].name).toBe('出具婚姻状况证明（婚姻关系证明、分居证明）');
      expect(discontinued[0].links).toEqual([]);
      expect(discontinued[0].workingMethod).toBeNull();
    });

    it('reads the town responsibilities of cooperative item 1 as steps', () => {
      expect(itemOf(seed, ItemKind.COOPERATIVE, 1).townResponsibilities).toEqual([
        '酝酿推荐，提出推荐人选名单',
        '组织考察、征求意见、公示',
        '研究提出初步人选名单',
        '确定代表候选人预备人选',
        '报县委组织部审批',
      ]);
    });

    it('reads the ten <p> steps of cooperative item 90', () => {
      const town = itemOf(seed, ItemKind.COOPERATIVE, 90).townResponsibilities;
      expect(town).toHaveLength(10);
      expect(town[0]).toBe('开展宣传教育，提升群众自救能力');
      expect(town[9]).toBe('组织开展灾后受灾群众的生产生活恢复工作');
    });
  });

  describe('cooperative links', () => {
    it('gives each of the five departments of item 90 its own section', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 90);
      expect(departmentsOf(item)).toEqual([
        '托里县应急管理局',
        '托里县住房和城乡建设局',
        '托里县水利局',
        '托里县自然资源局',
        '托里县气象局',
      ]);
      expect(linkOf(item, '托里县应急管理局').responsibilities).toEqual([
        '统筹自然灾害综合监测预警',
        '自然灾害预警发布后，开展防灾减灾抽查，统筹极端天气防灾减灾巡查',
        '协调乡和涉灾部门报告的自然灾害防治重大问题隐患',
        '汇总报告镇防灾减灾能力和基础数据',
        '汇总申报自然灾害防治项目',
      ]);
      expect(linkOf(item, '托里县住房和城乡建设局').responsibilities).toEqual([
        '在规划、施工图审核、施工图许可中落实自然灾害的防御要求',
        '组织实施抗震加固工程项目',
      ]);
      expect(linkOf(item, '托里县水利局').responsibilities).toEqual(['统筹开展辖区内的防汛抗旱工作']);
      expect(linkOf(item, '托里县自然资源局').responsibilities).toEqual(['调查地质灾害风险点', '统筹地质灾害治理工作']);
      expect(linkOf(item, '托里县气象局').responsibilities).toEqual(['及时发布气象预警信息']);
    });

    it('gives the one department of item 87 the whole text of its topic sections 职业病/地方病/慢性病', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 87);
      expect(departmentsOf(item)).toEqual(['托里县卫生健康委员会']);
      const expected = [
        '职业病：县卫生健康委员会定期召开职业病情分析研判会，初步拟定风险等级',
        '职业病：县卫生健康委员会安排部署职业病防治工作',
        '地方病：卫生健康委员会定期召开地方病情（包虫病、布病）分析研判会，初步拟定风险等级',
        '地方病：卫生健康委员会安排部署地方病（包虫病、布病）防治工作',
        '慢性病：落实《国家基本公共卫生服务规范》（第三版）政策要求',
        '慢性病：开展医疗卫生机构基本公共卫生人员业务培训工作',
        '慢性病：做好基层慢性病防治工作服务监督管理工作',
      ];
      expect(item.links[0].responsibilities).toEqual(expected);
      expect(steps(item.sourceCells[4])).toEqual(expected);
    });

    it('gives the one department of an unsectioned row (item 1) all steps', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 1);
      expect(item.links).toEqual([
        {
          department: '托里县委组织部',
          relation: Relation.SHARED,
          responsibilities: ['下发推荐县级以上党代表通知', '审批县级党代表'],
        },
      ]);
    });

    it('links item 37 to four departments, though it lists 托里县住房和城乡建设局 twice', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 37);
      expect(item.sourceCells[3].split('、')).toHaveLength(5);
      expect(item.links).toHaveLength(4);
      expect(departmentsOf(item)).toEqual([
        '托里县卫生健康委员会',
        '托里县公安局',
        '托里县住房和城乡建设局',
        '托里县市场监督管理局',
      ]);
      expect(linkOf(item, '托里县住房和城乡建设局').responsibilities).toEqual([
        '负责流浪犬、猫的抓捕和移交，负责查处影响环境卫生的养犬、猫行为',
      ]);
      expect(linkOf(item, '托里县卫生健康委员会').responsibilities).toEqual([
        '负责做好流浪犬、猫疫苗接种工作',
        '负责流浪犬、猫咬（抓）伤人员后的医疗救治',
      ]);
    });

    it('finds 托里县纪律检查委员会 under the heading 县纪律检查委员会（县监察委员会） (item 2)', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 2);
      expect(departmentsOf(item)).toEqual(['托里县委组织部', '托里县人力资源和社会保障局', '托里县纪律检查委员会']);
      expect(linkOf(item, '托里县纪律检查委员会').responsibilities).toEqual([
        '根据调查核实情况形成核查报告，对经查属实的问题，依规依纪依法进行处理',
        '对反映领导干部八小时外社会交往、生活情况、家风家教方面的问题，做好核查处理工作，问题属实的，督促干部及时纠正，并视情节轻重给予提醒、诫勉及相应组织处理，采取适当方式对典型问题进行通报曝光',
      ]);
      expect(linkOf(item, '托里县人力资源和社会保障局').responsibilities).toEqual([
        '配合县委组织部审批管理岗八级及以上职员等级晋升',
        '审批九级职员等级晋升',
      ]);
    });

    it('keeps the subsections (一)(二)(三) of 县委组织部 in item 2 as prefixes of its steps', () => {
      const organisation = linkOf(itemOf(seed, ItemKind.COOPERATIVE, 2), '托里县委组织部').responsibilities;
      expect(organisation).toHaveLength(12);
      expect(organisation[0]).toBe(
        '领导班子绩效考核、领导班子及领导干部年度考核工作：考核组制定科级领导班子和领导干部年度考核工作方案，明确考核对象、内容、程序，统筹组织实施',
      );
      expect(organisation[5]).toBe('干部选拔任用、干部职级（职员等级）晋升工作：组织考察组制定考察工作方案');
      expect(organisation[11]).toBe(
        '干部监督和干部延伸考察工作：根据考察工作需要，组织开展干部延伸考察工作，将考察结果作为选拔任用、职级晋升、评优评先的重要参考',
      );
    });

    it('finds 托里县机构编制委员会办公室 under the heading 县委机构编制委员会办公室 (item 8)', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 8);
      expect(linkOf(item, '托里县机构编制委员会办公室').responsibilities).toEqual(['审核镇空编情况', '办理入编手续']);
      expect(linkOf(item, '托里县委组织部').responsibilities).toEqual([
        '统一进行公务员岗位申报',
        '对用人单位开展考察培训',
      ]);
    });

    it('splits the <ol> sections of item 12 on ；', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 12);
      expect(linkOf(item, '托里县人力资源和社会保障局').responsibilities).toEqual([
        '定期梳理事业单位工作人员人事档案补充完善材料清单，推送至镇',
        '负责对镇报送事业单位工作人员人事档案材料审核把关、整理归档',
        '负责事业单位工作人员人事档案的查（借）阅、档案信息研究、利用等工作，提供档案查询服务，配合有关方面调查涉及事业单位工作人员人事档案的违规违纪违法行为，确保人事档案的合理使用和安全保密',
      ]);
    });

    it('splits the inline sections of item 99, in the order of the row', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 99);
      expect(departmentsOf(item)).toEqual(['托里县水利局', '托里县应急管理局']);
      expect(linkOf(item, '托里县水利局').responsibilities).toEqual([
        '制定防汛抗旱规划和预案，做好水情旱情监测预警信息发布，提供防汛抗旱应急抢险技术支撑',
      ]);
      expect(linkOf(item, '托里县应急管理局').responsibilities).toEqual([
        '建立防汛抗旱组织指挥体系，开展应急演练，做好救援经费和物资保障',
        '做好灾后重建、补助救助等工作',
      ]);
    });

    it('finds 托里县发展和改革委员会 under a heading that keeps its alias (item 30)', () => {
      const item = itemOf(seed, ItemKind.COOPERATIVE, 30);
      expect(linkOf(item, '托里县发展和改革委员会').responsibilities).toEqual([
        '制定规划并争取政策支持，推动农业数字化转型',
        '完善农村数字基础设施，提升乡村数字应用时效',
      ]);
    });
  });

  describe('reclaimed links', () => {
    it('gives each of the four departments of item 39 only the step that opens with its name', () => {
      const item = itemOf(seed, ItemKind.RECLAIMED, 39);
      expect(item.links).toEqual([
        {
          department: '托里县水利局',
          relation: Relation.RECLAIMED,
          responsibilities: [
            '县水利局在汛期来临前，对蓄滞洪区的通信、预报警报、避洪、撤退道路等安全设施，以及紧急撤离和救生的准备工作进行检查',
          ],
        },
        {
          department: '托里县交通运输局',
          relation: Relation.RECLAIMED,
          responsibilities: ['县交通运输局对检查发现的影响紧急撤离的道路进行维护'],
        },
        {
          department: '托里县应急管理局',
          relation: Relation.RECLAIMED,
          responsibilities: ['县应急管理局对紧急撤离应急预案进行审核，做好救援物资储备工作'],
        },
        {
          department: '托里县商务和工业信息化局',
          relation: Relation.RECLAIMED,
          responsibilities: ['县商务和工业信息化局督促通讯运营商保障蓄滞洪区的通讯畅通'],
        },
      ]);
    });

    it('keeps <镇> literally in the working method of item 23', () => {
      const item = itemOf(seed, ItemKind.RECLAIMED, 23);
      expect(item.workingMethod).toBe(
        '县自然资源局负责对乡（镇）村公共设施、公益事业使用集体建设用地审批（仅乡<镇>村公共设施、公益事业建设用地<不涉及农用地>）。',
      );
      expect(departmentsOf(item)).toEqual(['托里县自然资源局']);
      expect(item.links[0].responsibilities).toEqual([
        '县自然资源局负责对乡（镇）村公共设施、公益事业使用集体建设用地审批（仅乡<镇>村公共设施、公益事业建设用地<不涉及农用地>）',
      ]);
    });

    it('reads the numbered working method of item 3 as steps', () => {
      const item = itemOf(seed, ItemKind.RECLAIMED, 3);
      expect(item.workingMethod).toBe(
        '1. 核实申请人本人婚姻状况和抚养教育被收养人的能力等； 2. 对收养人员、被收养人员、送养人员申请资料进行核查审定。',
      );
      expect(item.links).toEqual([
        {
          department: '托里县民政局',
          relation: Relation.RECLAIMED,
          responsibilities: [
            '核实申请人本人婚姻状况和抚养教育被收养人的能力等',
            '对收养人员、被收养人员、送养人员申请资料进行核查审定',
          ],
        },
      ]);
    });

    it('gives all six departments of item 24 the one shared step', () => {
      const item = itemOf(seed, ItemKind.RECLAIMED, 24);
      expect(departmentsOf(item)).toEqual([
        '塔城地区生态环境局托里县分局',
        '托里县住房和城乡建设局',
        '托里县工业园区',
        '托里县卫生健康委员会',
        '托里县商务和工业信息化局',
        '托里县交通运输局',
      ]);
      for (const link of item.links) {
        expect(link.responsibilities).toEqual(['根据职责分工负责本行政区内的危废、固废源头的管理和排查整治']);
      }
    });
  });
});

describe('normalizeDocument on small documents', () => {
  it('reads names and categories as one line of text, without HTML', () => {
    const document = normalizeLines(
      ...basicList(row(1, '党的 建设', '<p>加强党的</p><p>建设</p>')),
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(RECLAIMED_ROW),
    );
    const item = itemOf(document, ItemKind.BASIC, 1);
    expect(item.category).toBe('党的建设');
    // A space between two Chinese characters is a line-break artefact.
    expect(item.name).toBe('加强党的建设');
    expect(document.categories).toEqual(['党的建设', '民生服务']);
  });

  it('holds a department once across rows and merges its aliases', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(
        row(1, '党的建设', '干部监督', '托里县纪律检查委员会', '依规处理。', '1.上报线索。'),
        row(
          2,
          '党的建设',
          '案件查办',
          '托里县纪律检查委员会（托里县监察委员会）、托里县委组织部',
          '依法调查。',
          '1.配合调查。',
        ),
      ),
      ...reclaimedList(row(1, '党的建设', '线索处置', '托里县纪律检查委员会 工作方式：县纪律检查委员会负责处置。')),
    );
    expect(document.departments).toEqual([
      { name: '托里县纪律检查委员会', aliases: ['托里县监察委员会'] },
      { name: '托里县委组织部', aliases: [] },
    ]);
    expect(document.items.flatMap((item) => item.links)).toHaveLength(4);
  });

  it('links a department written twice on one row once', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(
        row(1, '城乡建设', '燃气安全', '托里县住房和城 乡建设局、托里县住房和城乡建设局', '开展培训。', '1.宣传。'),
      ),
      ...reclaimedList(RECLAIMED_ROW),
    );
    const item = itemOf(document, ItemKind.COOPERATIVE, 1);
    expect(item.links).toEqual([
      { department: '托里县住房和城乡建设局', relation: Relation.SHARED, responsibilities: ['开展培训'] },
    ]);
  });

  it('gives every department of a row the whole text when it has no sections', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(
        row(1, '市场监管', '打击传销', '托里县市场监督管理局、托里县公安局', '1.日常监管； 2.依法查处。', '1.宣传。'),
      ),
      ...reclaimedList(RECLAIMED_ROW),
    );
    const item = itemOf(document, ItemKind.COOPERATIVE, 1);
    expect(linkOf(item, '托里县市场监督管理局').responsibilities).toEqual(['日常监管', '依法查处']);
    expect(linkOf(item, '托里县公安局').responsibilities).toEqual(['日常监管', '依法查处']);
    expect(document.warnings).toEqual([]);
  });

  it('reads 不再开展此项工作 through HTML and white space as discontinued', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(row(1, '民生服务', '出具证明', '<p>不再开展 此项工作</p>')),
    );
    const item = itemOf(document, ItemKind.RECLAIMED, 1);
    expect(item.discontinued).toBe(true);
    expect(item.links).toEqual([]);
    expect(document.departments.map((department) => department.name)).toEqual(['托里县委组织部']);
  });

  it('reads the working method after a half-width colon', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(row(1, '民生服务', '收养登记', '托里县民政局 工作方式:县民政局负责收养登记。')),
    );
    const item = itemOf(document, ItemKind.RECLAIMED, 1);
    expect(item.workingMethod).toBe('县民政局负责收养登记。');
    expect(item.links).toEqual([
      { department: '托里县民政局', relation: Relation.RECLAIMED, responsibilities: ['县民政局负责收养登记'] },
    ]);
  });
});

describe('normalizeDocument warnings', () => {
  it('warns, with file and line, of a section naming a department not on the row', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW), // 1-3
      '', // 4
      ...cooperativeList(
        COOPERATIVE_ROW, // 7
        row(
          2,
          '应急管理及消防',
          '编制防汛预案',
          '托里县应急管理局',
          '一、县应急管理局 1.建立指挥体系； 2.做好物资保障。 二、县水利局 制定防汛预案。',
          '1.开展宣传。',
        ), // 8
      ),
      ...reclaimedList(RECLAIMED_ROW),
    );
    expect(document.warnings).toEqual([
      { file: 'town.txt', line: 8, message: 'section "县水利局" of 上级部门职责 names no department of the row' },
    ]);
    expect(itemOf(document, ItemKind.COOPERATIVE, 2).links).toEqual([
      { department: '托里县应急管理局', relation: Relation.SHARED, responsibilities: ['建立指挥体系', '做好物资保障'] },
    ]);
  });

  it('warns of a department with no section of its own and gives it the whole text', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(
        row(
          1,
          '应急管理及消防',
          '防汛',
          '托里县应急管理局、托里县水利局',
          '一、县应急管理局 1.建立指挥体系； 2.做好物资保障。',
          '1.宣传。',
        ),
      ), // 6
      ...reclaimedList(RECLAIMED_ROW),
    );
    expect(document.warnings).toEqual([
      {
        file: 'town.txt',
        line: 6,
        message: '托里县水利局 has no section of its own in 上级部门职责; it is given the whole text',
      },
    ]);
    const item = itemOf(document, ItemKind.COOPERATIVE, 1);
    expect(linkOf(item, '托里县应急管理局').responsibilities).toEqual(['建立指挥体系', '做好物资保障']);
    expect(linkOf(item, '托里县水利局').responsibilities).toEqual([
      '县应急管理局：建立指挥体系',
      '县应急管理局：做好物资保障',
    ]);
  });

  it('does not warn of topic sections when no section names a department', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(
        row(
          1,
          '卫生健康',
          '疾病防治',
          '托里县卫生健康委员会',
          '一、职业病 1.召开研判会。 二、地方病 部署防治。',
          '1.宣传。',
        ),
      ),
      ...reclaimedList(RECLAIMED_ROW),
    );
    expect(document.warnings).toEqual([]);
    expect(itemOf(document, ItemKind.COOPERATIVE, 1).links[0].responsibilities).toEqual([
      '职业病：召开研判会',
      '地方病：部署防治',
    ]);
  });

  it('warns of a cooperative row that names no department', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(row(1, '党的建设', '党内统计工作', ' ', '组织审核。', '1.报送数据。')), // 6
      ...reclaimedList(RECLAIMED_ROW),
    );
    expect(document.warnings).toEqual([
      { file: 'town.txt', line: 6, message: 'no department named on a row that needs one' },
    ]);
    expect(itemOf(document, ItemKind.COOPERATIVE, 1).links).toEqual([]);
  });

  it('warns of a reclaimed cell without 工作方式 and reads it all as departments', () => {
    const document = normalizeLines(
      ...basicList(BASIC_ROW),
      ...cooperativeList(COOPERATIVE_ROW),
      ...reclaimedList(row(1, '民生服务', '收养登记', '托里县民政局')), // 9
    );
    expect(document.warnings).toEqual([
      {
        file: 'town.txt',
        line: 9,
        message: '承接部门及工作方式 has no 工作方式：; the whole cell is read as departments',
      },
    ]);
    const item = itemOf(document, ItemKind.RECLAIMED, 1);
    expect(item.workingMethod).toBeNull();
    expect(item.links).toEqual([{ department: '托里县民政局', relation: Relation.RECLAIMED, responsibilities: [] }]);
  });
});

describe('normalizeDocument warnings of other formats', () => {
  it('name the file and the place of the row they concern', () => {
    const text = readTextSource(
      documentText(
        ...basicList(BASIC_ROW),
        ...cooperativeList(COOPERATIVE_ROW),
        ...reclaimedList(row(1, '民生服务', '收养登记', '托里县民政局')), // line 9
      ),
      'notice.html',
    );
    // The same rows as a page's: placed by table and row rather than by line.
    const inTable = (at: SourceLocation) => ({ label: `table 1, row ${at.line}`, line: at.line });
    const page: SourceDocument = {
      ...text,
      format: 'html',
      tables: text.tables.map((table) => ({
        ...table,
        titleAt: inTable(table.titleAt),
        rows: table.rows.map((source) => ({ ...source, at: inTable(source.at) })),
      })),
    };
    expect(normalizeDocument(parseSource(page)).warnings).toEqual([
      {
        file: 'notice.html',
        line: 9,
        place: 'table 1, row 9',
        message: '承接部门及工作方式 has no 工作方式：; the whole cell is read as departments',
      },
    ]);
  });
});
