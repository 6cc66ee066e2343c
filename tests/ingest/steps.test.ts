import { describe, expect, it } from '@jest/globals';
import { htmlBlocks, inlineText, plainText } from '../../src/ingest/html-text';
import { chineseNumeral, sectionSteps, sections, steps } from '../../src/ingest/steps';

describe('chineseNumeral', () => {
  it.each([
    ['一', 1],
    ['九', 9],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['九十九', 99],
  ])('reads %s as %i', (text, value) => {
    expect(chineseNumeral(text)).toBe(value);
  });

  it.each(['', '零', '一一', '十十', '一百', '百', '二十三四', '1', '第一'])('rejects %p', (text) => {
    expect(chineseNumeral(text)).toBeNull();
  });
});

describe('steps: numbered steps', () => {
  it('splits at 1. 2、 （3） markers and drops their trailing punctuation', () => {
    expect(steps('1.制定方案； 2、组织实施； （3）总结上报。')).toEqual(['制定方案', '组织实施', '总结上报']);
  });

  it('splits at half-width (1) markers and full-width ．', () => {
    expect(steps('(1)摸排情况； (2)登记造册； 3．及时上报。')).toEqual(['摸排情况', '登记造册', '及时上报']);
  });

  it('keeps text before the first marker as a step of its own', () => {
    expect(steps('根据上级安排： 1.开展宣传； 2.及时上报。')).toEqual(['根据上级安排：', '开展宣传', '及时上报']);
  });

  it('only counts markers that follow 1, 2, 3 … in order', () => {
    expect(steps('1.甲 3.丙 2.乙')).toEqual(['甲 3.丙', '乙']);
  });

  it('does not read a decimal or a number inside a word as a marker', () => {
    expect(steps('落实第1.5条规定； 参照2023年标准。')).toEqual(['落实第1.5条规定； 参照2023年标准']);
  });

  it('reads numbered steps spread over <p> paragraphs', () => {
    expect(steps('<p>1. 开展宣传教育；</p> <p>2. 制定应急预案；</p> <p>3. 做好恢复工作。</p>')).toEqual([
      '开展宣传教育',
      '制定应急预案',
      '做好恢复工作',
    ]);
  });

  it('reads one sentence as one step', () => {
    expect(steps('负责违规领取高龄津贴的追缴。')).toEqual(['负责违规领取高龄津贴的追缴']);
  });

  it('gives no step for an empty cell', () => {
    expect(steps('')).toEqual([]);
    expect(steps('<p> </p>')).toEqual([]);
  });
});

describe('steps: paragraphs and lists', () => {
  it('makes each <p> paragraph a step', () => {
    expect(steps('<p>开展宣传</p><p>建立台账</p>')).toEqual(['开展宣传', '建立台账']);
  });

  it('makes each <li> a step', () => {
    expect(steps('<ol><li>宣传；</li><li>巡查。</li></ol>')).toEqual(['宣传', '巡查']);
  });

  it('splits an <ol> without <li> on ；', () => {
    expect(
      steps('<ol style="list-style-type: none"> 定期梳理清单，推送至镇； 负责审核把关； 提供档案查询服务。 </ol>'),
    ).toEqual(['定期梳理清单，推送至镇', '负责审核把关', '提供档案查询服务']);
  });

  it('ends an unclosed <ol> where the next <p> starts', () => {
    expect(steps('<ol> 审核材料； 整理归档。 <p>另行通知</p>')).toEqual(['审核材料', '整理归档', '另行通知']);
  });

  it('does not split a paragraph on ；', () => {
    expect(steps('<p>摸排统计情况；组织宣传引导</p>')).toEqual(['摸排统计情况；组织宣传引导']);
  });

  it('breaks steps at <br>', () => {
    expect(steps('开展宣传<br>建立台账<br/>及时上报')).toEqual(['开展宣传', '建立台账', '及时上报']);
  });
});

describe('steps: entities and angle brackets', () => {
  it('reads &nbsp; as a space', () => {
    expect(steps('<p>1.&nbsp;统筹监测预警；</p><p>2.&nbsp;汇总&nbsp;&nbsp;申报项目。</p>')).toEqual([
      '统筹监测预警',
      '汇总申报项目',
    ]);
  });

  it('keeps a literal <镇> as text', () => {
    expect(steps('<p>1. 核实乡<镇>村公共设施用地；</p><p>2. 上报<不涉及农用地>情况。</p>')).toEqual([
      '核实乡<镇>村公共设施用地',
      '上报<不涉及农用地>情况',
    ]);
  });

  it('keeps a literal <镇> in plain and inline text', () => {
    expect(plainText('<p>仅乡<镇>村公共设施</p><p>建设用地</p>')).toBe('仅乡<镇>村公共设施\n建设用地');
    expect(inlineText('<p>仅乡<镇>村</p><p>公共设施</p>')).toBe('仅乡<镇>村公共设施');
    expect(inlineText('<p>1. GPS 定位</p><p>A 级</p>')).toBe('1. GPS 定位 A 级');
  });

  it('decodes entities and collapses white space in blocks', () => {
    expect(htmlBlocks('<p>甲&amp;乙&nbsp;\u3000 丙</p>')).toEqual([{ text: '甲&乙 丙', bareList: false }]);
  });
});

describe('sections', () => {
  it('reads <p> heading blocks', () => {
    const cell =
      '<p>一、县委组织部</p><p>1. 审核材料；</p><p>2. 归档。</p><p>二、县人力资源和社会保障局</p><p>统筹协调。</p>';
    expect(sections(cell)).toEqual([
      { heading: '县委组织部', steps: ['审核材料', '归档'] },
      { heading: '县人力资源和社会保障局', steps: ['统筹协调'] },
    ]);
  });

  it('reads inline headings, each ending at the first space', () => {
    const cell = '一、县应急管理局 1.建立防汛抗旱组织指挥体系； 2.做好灾后重建。 二、县水利局 制定防汛抗旱规划和预案。';
    expect(sections(cell)).toEqual([
      { heading: '县应急管理局', steps: ['建立防汛抗旱组织指挥体系', '做好灾后重建'] },
      { heading: '县水利局', steps: ['制定防汛抗旱规划和预案'] },
    ]);
  });

  it('keeps a heading alone in its block whole, spaces and all', () => {
    expect(sections('<p>一、土地变更调查 动态监测</p><p>1. 汇总数据。</p>')).toEqual([
      { heading: '土地变更调查 动态监测', steps: ['汇总数据'] },
    ]);
  });

  it('reads headings over <ol> bodies that lost their <li>', () => {
    const cell =
      '<p>一、县委组织部</p> <ol style="list-style-type: none"> 梳理清单； 审核把关。 ' +
      '<p>二、县人力资源和社会保障局</p> <ol style="list-style-type: none"> 推送至镇； 整理归档。 ';
    expect(sections(cell)).toEqual([
      { heading: '县委组织部', steps: ['梳理清单', '审核把关'] },
      { heading: '县人力资源和社会保障局', steps: ['推送至镇', '整理归档'] },
    ]);
  });

  it('keeps text before the first heading in a section without heading', () => {
    expect(sections('按职责分工负责。 一、县公安局 依法查处。')).toEqual([
      { heading: null, steps: ['按职责分工负责'] },
      { heading: '县公安局', steps: ['依法查处'] },
    ]);
  });

  it('reads an unsectioned cell as one section without heading', () => {
    expect(sections('1.开展宣传； 2.及时上报。')).toEqual([{ heading: null, steps: ['开展宣传', '及时上报'] }]);
  });

  it('only counts headings that come in order', () => {
    expect(sections('一、县水利局 制定预案。 三、县气象局 发布预警。')).toEqual([
      { heading: '县水利局', steps: ['制定预案。 三、县气象局发布预警'] },
    ]);
    expect(sections('二、县水利局 制定预案。 一、县气象局 发布预警。')).toEqual([
      { heading: null, steps: ['二、县水利局制定预案'] },
      { heading: '县气象局', steps: ['发布预警'] },
    ]);
  });

  it('does not read 、 inside a sentence as a heading', () => {
    expect(sections('开展职业病、地方病防治。')).toEqual([{ heading: null, steps: ['开展职业病、地方病防治'] }]);
  });

  it('reads subsections (一) (二) inside a section', () => {
    const cell =
      '一、县委组织部 (一) 年度考核工作 1. 制定方案； 2. 组织实施。 (二) 干部监督工作 1. 核查线索。 ' +
      '二、县纪律检查委员会（县监察委员会） 1. 依规处理。';
    expect(sections(cell)).toEqual([
      {
        heading: '县委组织部',
        steps: ['年度考核工作：制定方案', '年度考核工作：组织实施', '干部监督工作：核查线索'],
      },
      { heading: '县纪律检查委员会（县监察委员会）', steps: ['依规处理'] },
    ]);
  });

  it('reads full-width subsections （一）, keeping text before the first', () => {
    expect(sections('一、县民政局 统筹安排。 （一）灾害救助 组织救助。 （二）冬春救助 发放资金。')).toEqual([
      { heading: '县民政局', steps: ['统筹安排', '灾害救助：组织救助', '冬春救助：发放资金'] },
    ]);
  });

  it('reads a heading with no text as a section with no steps', () => {
    expect(sections('<p>一、县气象局</p><p>二、县水利局</p><p>制定预案。</p>')).toEqual([
      { heading: '县气象局', steps: [] },
      { heading: '县水利局', steps: ['制定预案'] },
    ]);
  });
});

describe('steps of a sectioned cell', () => {
  it('prefixes each step with its heading', () => {
    expect(steps('<p>一、职业病 1. 宣传； 2. 上报。</p> <p>二、地方病 开展防治。</p>')).toEqual([
      '职业病：宣传',
      '职业病：上报',
      '地方病：开展防治',
    ]);
  });

  it('reads the inline sections of the seed (一、县应急管理局 1.建立… 二、县水利局 制定…)', () => {
    const cell =
      '一、县应急管理局 1.建立防汛抗旱组织指挥体系，开展应急演练，做好救援经费和物资保障； 2.做好灾后重建、补助救助等工作。 ' +
      '二、县水利局 制定防汛抗旱规划和预案，做好水情旱情监测预警信息发布，提供防汛抗旱应急抢险技术支撑。';
    expect(steps(cell)).toEqual([
      '县应急管理局：建立防汛抗旱组织指挥体系，开展应急演练，做好救援经费和物资保障',
      '县应急管理局：做好灾后重建、补助救助等工作',
      '县水利局：制定防汛抗旱规划和预案，做好水情旱情监测预警信息发布，提供防汛抗旱应急抢险技术支撑',
    ]);
  });
});

describe('sectionSteps', () => {
  it('gives the steps unchanged for a section without heading', () => {
    expect(sectionSteps({ heading: null, steps: ['甲', '乙'] })).toEqual(['甲', '乙']);
  });

  it('gives the heading alone for a section without steps', () => {
    expect(sectionSteps({ heading: '分户工作', steps: [] })).toEqual(['分户工作']);
  });

  it('prefixes each step with the heading', () => {
    expect(sectionSteps({ heading: '分户工作', steps: ['核实申请', '办理登记'] })).toEqual([
      '分户工作：核实申请',
      '分户工作：办理登记',
    ]);
  });
});
