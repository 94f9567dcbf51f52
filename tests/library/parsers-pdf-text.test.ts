import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parsePdfText } from '../../src/library/parsers/pdfText.ts';
import type { RawIndicatorRow, RawProject } from '../../src/library/types.ts';

const text = readFileSync(new URL('../../data/sources/001_5ddefdc57a70e0c3.txt', import.meta.url), 'utf8');
const projects = parsePdfText(text);

function project(name: string): RawProject {
  const p = projects.find((x) => x.name === name);
  if (!p) throw new Error(`no project ${name}`);
  return p;
}

function row(p: RawProject, level2: string, index = 0): RawIndicatorRow {
  const r = p.indicators.filter((x) => x.level2 === level2)[index];
  if (!r) throw new Error(`no ${level2} row ${index} in ${p.name}`);
  return r;
}

describe('parsePdfText on 001 (秦皇岛 海港区 政法委 2024)', () => {
  it('finds the 18 project tables in file order, names as printed', () => {
    // `grep -c 预算项目名称` gives 18; the narrative before the tables (一、总体绩效目标 …) is no table.
    expect(projects.map((p) => p.name)).toEqual([
      '“雪亮工程”购买服务费',
      '政法网运行维护经费',
      '平安建设和综治费用',
      '扫黑除恶（反有组织犯罪法宣传）经费',
      '见义勇为奖励经费',
      '强制医疗工作经费',
      '国家安全工作经费',
      '“红袖标（红马甲）工程”经费',
      '信访工作经费',
      '司法工作经费',
      '劳务派遣人员工资',
      '司法民调通业务费',
      '人民调解经费',
      '法律援助（认罪认罚）办案补贴费',
      '法律顾问费',
      '律师代理费',
      '办公设备购置',
      '退休独生子女一次性奖金',
    ]);
  });

  it('keeps every indicator row: 163 in all', () => {
    // Verified by hand and by grep: each of the nine 二级 headers (数量指标, 质量指标, 时效指标,
    // 成本指标, 经济效益/指标, 社会效益/指标, 生态效益/指标, 可持续性/影响, 服务对象/满意度指/标)
    // starts a line exactly 18 times, one per table, and reading the 18 tables one by one shows one
    // row per 二级 cell except 信访工作经费, whose 数量指标 holds two rows (确保宣传到位,
    // 驻外值班接访): 18 × 9 + 1 = 163.
    const counts = projects.map((p) => p.indicators.length);
    expect(counts).toEqual([9, 9, 9, 9, 9, 9, 9, 9, 10, 9, 9, 9, 9, 9, 9, 9, 9, 9]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(163);
  });

  it('reads the amounts from 预算数', () => {
    expect(projects.map((p) => p.amount?.value)).toEqual([
      615.36, 3.4176, 10, 2, 0.2, 2, 10, 7, 150, 25, 165.35, 2.094, 2, 12, 21, 20, 8.4825, 0.3,
    ]);
    expect(projects.every((p) => p.amount?.unit === '万元')).toBe(true);
  });

  it('joins the 主要用途 and 绩效目标 paragraphs and leaves the spending plan out', () => {
    const p = project('“雪亮工程”购买服务费');
    expect(p.fundUse).toBe(
      '预算数 615.36 万元。其中：财政资金 615.36 万元。主要用于支付海港开发区雪亮工程应用服务项目服务费。',
    );
    expect(p.goals).toEqual(['实现“全域覆盖、全网共享、全时可用、全程可控”总体目标']);
    const q = project('国家安全工作经费');
    expect(q.fundUse).toBe(
      '预算数 10 万元。其中：财政资金 10 万元。主要用于支付海港开发区国家安全“十个一”宣传阵地建设经费和 4.15 国家安全宣传经费。',
    );
    expect(q.goals).toEqual([
      '维护社会稳定，保障国家政治安全、国土安全、军事安全、经济安全、文化安全、社会安全、科技安全、网络安全、生态安全等领域安全稳定，促进社会持续健康发展。',
    ]);
    for (const x of projects) {
      expect(x.fundUse).not.toMatch(/月底|资金支出/);
      expect(x.goals?.join('')).not.toMatch(/一级|月底/);
    }
  });

  it('undoes the line breaks of the 一级/二级 cells and fills them down', () => {
    const levels = new Set(projects.flatMap((p) => p.indicators.map((r) => `${r.level1}/${r.level2}`)));
    expect([...levels]).toEqual([
      '产出指标/数量指标',
      '产出指标/质量指标',
      '产出指标/时效指标',
      '产出指标/成本指标',
      '效果指标/经济效益指标',
      '效果指标/社会效益指标',
      '效果指标/生态效益指标',
      '效果指标/可持续性影响',
      '满意度指标/服务对象满意度指标',
    ]);
    for (const p of projects) {
      for (const r of p.indicators) {
        expect(r.name).not.toBe('');
        for (const field of [r.name, r.description ?? '', r.value, r.basis ?? '']) {
          expect(field).not.toMatch(/\n/);
          expect(field).toBe(field.trim());
        }
      }
    }
  });

  it('reads the 雪亮工程 table row by row', () => {
    const p = project('“雪亮工程”购买服务费');
    expect(p.indicators[0]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '全区公共视频监控联网共享应用',
      description: '实现全域覆盖、全网共享',
      value: '≥100%',
      basis: '项目安装情况，全域覆盖情况',
    });
    // The 质量 row has no 指标值确定依据 in the source.
    expect(row(p, '质量指标')).toEqual({
      level1: '产出指标',
      level2: '质量指标',
      name: '高清存储、短延时',
      description: '高清存储、短延时',
      value: '100%',
    });
    expect(row(p, '时效指标')).toEqual({
      level1: '产出指标',
      level2: '时效指标',
      name: '项目完成时限',
      description: '项目完成时限',
      value: '2024 年 6 月底前',
      basis: '根据合同情况',
    });
    expect(row(p, '成本指标')).toMatchObject({ name: '财政投入', description: '财政投入资金', value: '615.36 万元' });
    expect(row(p, '社会效益指标')).toMatchObject({
      level1: '效果指标',
      name: '社会意义和价值',
      description: '降低发案率和提高群众满意度',
      value: '≥95%以上',
      basis: '满意度安全感提升',
    });
    // `控覆盖 100%` is the last line of the name column; the value is the separate `≥100%`.
    expect(row(p, '生态效益指标')).toMatchObject({
      name: '公共区域、行业、治安重点区域视频监控覆盖 100%',
      description: '震慑犯罪分子，减少违法犯罪行为的发生，提升社会安定度',
      value: '≥100%',
      basis: '提高打击违法犯罪行为的能力',
    });
    expect(row(p, '服务对象满意度指标')).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '提升社会治理信息化、现代化、智能化水平',
      description: '整合多部门视频资源接入视频共享平台，实现共享共用，有效打击犯罪',
      value: '≥90%',
      basis: '被服务对象满意度',
    });
  });

  it('separates cells that share a line or repeat each other (政法网运行维护经费)', () => {
    const p = project('政法网运行维护经费');
    // `2024 年 10\n\n月底前\n\n项目完成\n\n时限`: value and basis after blank lines only.
    expect(row(p, '时效指标')).toMatchObject({
      name: '全年期限内',
      description: '按上级通知要求及时准确拨付到位',
      value: '2024 年 10月底前',
      basis: '项目完成时限',
    });
    // Printed without a space: `区级财政投入区级财政投入 100%`.
    expect(row(p, '成本指标')).toMatchObject({ name: '区级财政投入', description: '区级财政投入', value: '100%', basis: '项目资金完成率' });
    // The value repeats the name (`战斗力\n\n增强`) right after the broken description.
    expect(row(p, '可持续性影响')).toEqual({
      level1: '效果指标',
      level2: '可持续性影响',
      name: '战斗力增强',
      description: '网络改造增强政法系统战斗力',
      value: '战斗力增强',
      basis: '专款专用',
    });
    expect(row(p, '社会效益指标')).toMatchObject({ name: '方便群众', description: '方便群众办理业务', value: '方便群众' });
  });

  it('keeps both 数量指标 rows of 信访工作经费 and its odd values verbatim', () => {
    const p = project('信访工作经费');
    expect(p.indicators.filter((r) => r.level2 === '数量指标')).toEqual([
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '确保宣传到位',
        description: '预期开展信访宣传次数，宣传人数',
        value: '≥2,>1300',
        basis: '确保宣传到位',
      },
      {
        level1: '产出指标',
        level2: '数量指标',
        name: '驻外值班接访',
        description: '减少上访数量',
        value: '减少 40%',
        basis: '驻外值班接访',
      },
    ]);
    expect(row(p, '时效指标')).toMatchObject({ value: '2024年 12月初', basis: '完成时限' });
    expect(row(p, '成本指标')).toMatchObject({ value: '150万元', basis: '2023年执行数' });
    expect(row(p, '可持续性影响')).toMatchObject({ name: '项目持续发挥作用周期', value: '=365天' });
  });

  it('reads the rows of other tables field by field', () => {
    expect(row(project('劳务派遣人员工资'), '数量指标')).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      name: '派遣人员数量',
      description: '劳务派遣人员数量',
      value: '165.35万',
      basis: '按 9月工资估算',
    });
    expect(row(project('劳务派遣人员工资'), '质量指标')).toMatchObject({ name: '工资发放准确性', value: '≥900%' });
    expect(row(project('平安建设和综治费用'), '服务对象满意度指标')).toEqual({
      level1: '满意度指标',
      level2: '服务对象满意度指标',
      name: '满意度',
      description: '辖区内群众对平安海港的满意度保持在较高水平。',
      value: '不低于全市平均水平',
      basis: '群众满意度',
    });
    // The header of this table is on one line (`… 指标值 指标值确定依据`).
    expect(row(project('司法工作经费'), '社会效益指标')).toEqual({
      level1: '效果指标',
      level2: '社会效益指标',
      name: '保障司法促进社会稳定',
      description: '保证司法公正、高效、廉洁，促进社会安定。',
      value: '是',
      basis: '考核指标细则（试行）',
    });
    expect(row(project('人民调解经费'), '质量指标')).toMatchObject({
      name: '预防和减少“民转刑”案件的发生。',
      value: '社会更加稳定，人民矛盾纠纷减少。',
      basis: '根据市里文件',
    });
    expect(row(project('国家安全工作经费'), '数量指标')).toMatchObject({
      name: '10万',
      description: '主要用于支付海港开发区国家安全“十个一”宣传阵地建设经费和 4.15 国家安全宣传经费。',
      value: '10万',
    });
  });

  it('keeps the rows the source garbles, with the stray text where the columns put it', () => {
    // `数量指标 0.2万 用于奖励见义勇为者 0.2万 0.2万`: one value-shaped cell too many, read as the
    // description's last line.
    expect(row(project('见义勇为奖励经费'), '数量指标')).toMatchObject({
      name: '0.2万',
      description: '用于奖励见义勇为者 0.2万',
      value: '0.2万',
      basis: '根据市里文件',
    });
    expect(row(project('扫黑除恶（反有组织犯罪法宣传）经费'), '数量指标')).toMatchObject({
      name: '5万',
      description: '用于扫黑除恶（反有组织犯罪法宣传）经费5万',
      value: '2万',
    });
    // `≥90 对象对项目\n\n建设服务系统\n\n满意度` fills the 指标值 column.
    expect(row(project('国家安全工作经费'), '服务对象满意度指标')).toMatchObject({
      value: '≥90 对象对项目建设服务系统满意度',
      basis: '被服务对象对项目建设服务系统满意度',
    });
  });

  it('flags the one row without a 指标值 and no other', () => {
    const flagged = projects.flatMap((p) => p.indicators.filter((r) => r.flags).map((r) => ({ project: p.name, ...r })));
    expect(flagged).toEqual([
      {
        project: '见义勇为奖励经费',
        level1: '满意度指标',
        level2: '服务对象满意度指标',
        name: '满意度',
        description: '辖区内群众对见义勇为满意度。',
        value: '',
        basis: '群众满意度',
        flags: ['missing-value'],
      },
    ]);
  });

  it('is pure: the same text gives the same projects, and no tables give none', () => {
    expect(parsePdfText(text)).toEqual(projects);
    expect(parsePdfText('一、总体绩效目标\n\n我委根据管委会工作部署\n')).toEqual([]);
  });
});

describe('parsePdfText on a small table', () => {
  // Cells broken over blank lines, two cells on one line, and a basis worded like one.
  const small = [
    '项目',
    '',
    '编码',
    '1 预算项目名称 “测试”经费',
    '',
    '项目资金',
    '',
    '主要用途',
    '',
    '预算数 5 万元。其中：财政资金 5 万元。主要用于测',
    '',
    '试。',
    '',
    '资金支出',
    '',
    '计划（%）',
    '',
    '3 月底 6 月底 10 月底 12 月底',
    '',
    '25% 50% 75% 100%',
    '',
    '绩效',
    '',
    '目标',
    '完成测试。',
    '',
    '一级',
    '',
    '指标',
    '二级指标 三级指标 绩效指标描述 指标值',
    '',
    '指标值确',
    '',
    '定依据',
    '',
    '产出',
    '',
    '指标',
    '',
    '数量指标',
    '培训场',
    '',
    '次',
    '组织培训的场次，覆盖全部调解员 ≥4 场',
    '根据工作',
    '',
    '计划',
    '',
    '满意度指',
    '',
    '标',
    '',
    '服务对象',
    '',
    '满意度指',
    '',
    '标',
    '',
    '满意度 参训人员满意度',
    '群众满意',
    '',
    '度',
  ].join('\n');

  it('reads the fields and rows', () => {
    expect(parsePdfText(small)).toEqual([
      {
        name: '“测试”经费',
        amount: { value: 5, unit: '万元' },
        fundUse: '预算数 5 万元。其中：财政资金 5 万元。主要用于测试。',
        goals: ['完成测试。'],
        indicators: [
          {
            level1: '产出指标',
            level2: '数量指标',
            name: '培训场次',
            description: '组织培训的场次，覆盖全部调解员',
            value: '≥4 场',
            basis: '根据工作计划',
          },
          {
            level1: '满意度指标',
            level2: '服务对象满意度指标',
            name: '满意度',
            description: '参训人员满意度',
            value: '',
            basis: '群众满意度',
            flags: ['missing-value'],
          },
        ],
      },
    ]);
  });
});
