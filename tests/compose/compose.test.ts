import { describe, expect, it } from 'vitest';
import { COMPOSE_CASES, REVIEWER_CASES } from '../../bench/cases/compose.ts';
import { compose } from '../../src/compose/index.ts';
import { FOREIGN_TERMS, SECRET } from '../../src/compose/lexicon.ts';
import { effectiveTable } from '../../src/dialog/drafts/defaults.ts';
import { DraftTableSchema } from '../../src/domain/draft.ts';
import { parseValue } from '../../src/domain/value.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { rankSimilar } from '../../src/library/rank.ts';
import { checkTable } from '../../src/rules/index.ts';

const library = loadLibrary();
const NOW = new Date('2026-12-01');

describe('compose', () => {
  it('drafts the 网格 project from its own activities, with the unit cost over its 286 people', () => {
    const c = compose(library, { name: '网格化服务管理工作经费', purpose: '用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴', amount: 35.6, year: 2027 });
    const rows = c.indicators.map((i) => `${i.name} ${i.value}`);
    expect(rows).toContain('培训专职网格员人数 ≥286人');
    expect(rows).toContain('网格化服务管理平台正常运行率 ≥98%');
    expect(rows).toContain('专职网格员补贴发放人数 ≥286人');
    expect(rows).toContain('人均年度经费 ≤1245元/人');
    expect(rows.join()).not.toMatch(/手机|网络畅通/);
    expect(c.weak).toBe(true);
    expect(c.similar).toEqual([]);
  });

  it('marks estimated counts and keeps the cost a ceiling that names what it covers', () => {
    const c = compose(library, { name: '社区矫正工作经费', amount: 8, year: 2027 });
    const count = c.indicators.find((i) => i.level2 === '数量指标')!;
    expect(count).toMatchObject({ name: '监管帮教社区矫正对象人数', estimate: true });
    expect(c.estimates).toEqual([c.indicators.indexOf(count) + 1]);
    expect(c.indicators.find((i) => i.level2 === '成本指标')).toMatchObject({ name: '社区矫正对象监管帮教经费', value: '≤8万元' });
    expect(c.similar[0]!.name).toMatch(/社区矫正/);
  });

  it('writes a ceiling in 元 for a table kept in 元 and follows the 2021 framework', () => {
    const c = compose(library, { name: '反恐应急演练经费', purpose: '组织开展反恐处突应急演练', amount: 6, unit: '元', year: 2027, framework: 'mof2021' });
    expect(c.indicators.find((i) => i.level1 === '成本指标')).toMatchObject({ level2: '经济成本指标', value: '≤60000元' });
  });

  it('keeps a small project short and covers each activity of a larger one', () => {
    for (const k of COMPOSE_CASES) {
      const c = compose(library, { name: k.name, purpose: k.purpose, amount: k.amount, year: 2027 });
      expect(c.indicators.length).toBeLessThanOrEqual(k.amount < 10 ? 9 : k.amount < 50 ? 12 : 15);
      const counted = c.indicators.filter((i) => i.level2 === '数量指标').length;
      expect(counted).toBeGreaterThanOrEqual(Math.min(c.activities.length, 4));
    }
  });

  it.each([...COMPOSE_CASES, ...REVIEWER_CASES].map((k) => [k.name, k] as const))('%s: rules find nothing, no foreign place, deadlines in the year', (_n, k) => {
    const c = compose(library, { name: k.name, purpose: k.purpose, amount: k.amount, year: 2027 });
    const table = effectiveTable(
      DraftTableSchema.parse({
        year: 2027,
        projectName: k.name,
        department: k.unit,
        amounts: { unit: '万元', annual: { total: k.amount, fiscal: k.amount, other: 0 }, period: { total: k.amount, fiscal: k.amount, other: 0 } },
        fundUse: k.purpose,
        indicators: c.indicators,
      }),
      NOW,
    ).table;
    const findings = checkTable(table).filter((f) => f.field.startsWith('indicators') || f.field.startsWith('targets') || f.indicator !== undefined);
    expect(findings.map((f) => f.message)).toEqual([]);
    for (const i of c.indicators) {
      const text = `${i.name}${i.description ?? ''}${i.basis ?? ''}`;
      for (const t of [...FOREIGN_TERMS, SECRET]) expect(text).not.toContain(t);
      const v = parseValue(i.value);
      if (v.kind === 'deadline') expect(i.value).toContain('2027年');
      if (i.level2 === '数量指标') expect(v.unit ?? '').not.toMatch(/元/);
    }
    for (const s of k.stated) expect(c.indicators.map((i) => i.value).join()).toContain(s);
  });
});

describe('similar projects', () => {
  it('finds kin through domain words', () => {
    expect(rankSimilar(library, { name: '网格员补贴' })[0]!.name).toMatch(/网格/);
    expect(rankSimilar(library, { name: '社区服刑人员教育经费' })[0]!.name).toMatch(/社区矫正/);
  });
});

describe('rows a second reviewer asked for', () => {
  const of = (name: string, purpose: string, amount: number) => compose(library, { name, purpose, amount, year: 2027 }, NOW).indicators;

  it('quotes the clause of the purpose that states the count, and divides the budget by it', () => {
    const rows = of('拘留所被拘留人员伙食费', '按每人每日25元标准保障拘留所被拘留人员伙食，预计全年关押3,600人日', 9);
    const count = rows.find((r) => r.level2 === '数量指标')!;
    expect(count).toMatchObject({ name: '关押人日数', value: '≥3600人日', basis: '依据资金用途：预计全年关押3,600人日' });
    expect(rows.find((r) => r.level2 === '成本指标')!.value).toBe('≤25元/人日');
  });

  it('asks the users of several devices once, and refitted rooms are put to use rather than made safe', () => {
    const rows = of('人民法庭科技法庭改造项目', '为全县5个人民法庭各改造1间科技法庭，配置庭审录音录像、语音识别转写及远程视频提讯设备', 95);
    expect(rows.filter((r) => r.level2 === '服务对象满意度指标')).toHaveLength(1);
    expect(rows.some((r) => r.name.includes('安全隐患'))).toBe(false);
    expect(rows.find((r) => r.level2 === '成本指标')!.value).toBe('≤19万元/间');
    expect(of('审判楼外立面幕墙维修项目', '对审判综合楼外立面幕墙进行维修', 60).some((r) => r.name.includes('安全隐患整改率'))).toBe(true);
  });
});

describe('services by what they deliver, and the department’s own wording', () => {
  const rows = (name: string, purpose?: string, amount = 20, extra: { department?: string } = {}) =>
    compose(library, { name, purpose, amount, year: 2027, ...extra }, NOW).indicators;

  it('counts what a bought service produces instead of a 12-month service period', () => {
    const audit = rows('政法委审计服务费', undefined, 5);
    expect(audit.find((i) => i.level2 === '数量指标')).toMatchObject({ name: '出具审计报告数量', value: '≥5份', estimate: true });
    expect(audit.map((i) => i.name).join()).not.toMatch(/服务服务|服务期|采纳运用/);
    const lawyer = rows('律师代理费', '用于委托律师代理行政诉讼案件，预计40件', 20);
    expect(lawyer.map((i) => `${i.name} ${i.value}`)).toEqual(expect.arrayContaining(['委托律师代理案件数量 ≥40件', '案均代理费用 ≤5000元/件']));
    expect(lawyer.find((i) => i.level2 === '服务对象满意度指标')!.name).toBe('业务部门满意度');
  });

  it('keeps a stated count when two activities give the same row (two kinds of 鉴定)', () => {
    const r = rows('司法鉴定费', '用于委托司法鉴定机构开展精神病鉴定和伤情鉴定，预计120件', 24);
    const counts = r.filter((i) => i.level2 === '数量指标');
    expect(counts.map((i) => `${i.name} ${i.value}`)).toEqual(['委托鉴定评估事项数量 ≥120件']);
    expect(counts[0]!.estimate).toBeUndefined();
    expect(r.map((i) => i.name).join()).not.toMatch(/司法办理/);
  });

  it('takes the generic wording the same department’s tables share, and only from them', () => {
    const dept = '中共秦皇岛经济技术开发区工委政法委员会(本级)';
    const purpose = '用于制作反邪教宣传展板';
    const own = rows('反邪教警示教育宣传经费', purpose, 3, { department: dept });
    const stranger = rows('反邪教警示教育宣传经费', purpose, 3, { department: '某县司法局' });
    // Several of that department's tables call the ceiling 费用预算控制数; the row still says what it covers.
    expect(own.find((i) => i.level2 === '成本指标')).toMatchObject({ name: '反邪教宣传展板费用预算控制数', value: '≤3万元' });
    expect(stranger.find((i) => i.level2 === '成本指标')!.name).toBe('反邪教宣传展板印制费用');
    // 监管工作完成及时性 is that house's wording for supervision, not for boards.
    expect(own.map((i) => i.name).join()).not.toMatch(/监管/);
    // Boards are counted in 块 at hundreds of 元, not as 5元 leaflets; 展板验收 is measured once.
    expect(own.find((i) => i.level2 === '数量指标')!.value).toBe('≥60块');
    expect(own.filter((i) => /验收合格率/.test(i.name))).toHaveLength(1);
  });
});

describe('lots, places and programmes a fourth reviewer asked for', () => {
  const rows = (name: string, purpose: string, amount: number) => compose(library, { name, purpose, amount, year: 2027 }, NOW).indicators;
  const named = (r: ReturnType<typeof rows>) => r.map((i) => `${i.name} ${i.value}`);

  it('accepts and uses things bought together as one lot, and divides the budget by what they all go to', () => {
    const r = rows('派出所执法装备购置', '为辖区9个派出所更新配备执法记录仪45台、采集站6套', 54);
    expect(named(r)).toEqual(expect.arrayContaining(['购置执法记录仪数量 ≥45台', '购置采集站数量 ≥6套', '执法记录仪和采集站验收合格率 =100%', '每个派出所平均成本 ≤6万元/个']));
    expect(r.filter((i) => i.level2 === '质量指标')).toHaveLength(1);
    // No single price is known: 54万 over the 45 recorders alone would be wrong.
    expect(named(r).join()).not.toMatch(/1\.2万元\/台/);
    // Two kinds of 安检设备 counted in 台 add up.
    expect(named(rows('审判区安检设备购置', '购置通过式安检门6台、X光安检机3台', 48))).toContain('每台平均成本 ≤5.34万元/台');
  });

  it('counts per person trained rather than per session, and names a bare 举办 count by what it holds', () => {
    const r = named(rows('人民调解员培训经费', '组织社区人民调解员轮训，全年举办6期，预计培训调解员320人次', 28));
    expect(r).toEqual(expect.arrayContaining(['社区人民调解员培训期数 ≥6期', '培训调解员人次 ≥320人次', '人均培训成本 ≤875元/人次']));
  });

  it('writes rows of the programme for translation, detention medicine, drills and meetings', () => {
    expect(named(rows('诉讼翻译服务费', '购买第三方翻译服务，提供庭审口译和文书笔译，预计全年约260件次', 18))).toEqual(
      expect.arrayContaining(['提供翻译服务件次 ≥260件次', '每件次平均翻译费用 ≤693元/件次']),
    );
    const med = rows('看守所在押人员医疗保障经费', '用于看守所在押人员日常诊疗、入所体检、突发疾病救治及药品采购', 35);
    expect(med.map((i) => i.name).join()).not.toMatch(/肇事肇祸|家属|药品/);
    expect(med.find((i) => i.level2 === '服务对象满意度指标')!.name).toBe('在押人员满意度');
    const drill = rows('应急处突演练及会议经费', '组织开展应急处突实战演练，并召开社会治安形势分析研判会议', 20);
    const counts = drill.filter((i) => i.level2 === '数量指标').map((i) => i.value);
    // A drill costs far more than a meeting: not the same 5000元 per event for both.
    expect(counts).toEqual(['≥5次', '≥10次']);
    expect(drill.filter((i) => i.level2 === '时效指标').every((i) => /年\d+月底前$/.test(i.value))).toBe(true);
  });
});

describe('a fifth reviewer’s projects', () => {
  const rows = (name: string, purpose: string, amount: number) => compose(library, { name, purpose, amount, year: 2027 }, NOW).indicators.map((i) => `${i.name} ${i.value}`);

  it('divides by the places served, never by a monthly frequency', () => {
    const r = rows('村（社区）法律顾问购买服务', '通过政府购买服务方式为全区85个村（社区）聘请律师担任法律顾问，每月到村（社区）服务不少于1次', 42.5);
    expect(r).toContain('每个村平均成本 ≤5000元/个');
    expect(r.join()).not.toMatch(/42\.5万元\/次/);
  });

  it('tests drug users with the testing programme’s rows, and keeps a roof’s waterproofing five years', () => {
    const hair = rows('禁毒重点人员毛发检测排查', '对社区戒毒、社区康复人员及涉毒重点人员开展毛发检测排查，全年检测约三千人次', 30);
    expect(hair).toEqual(expect.arrayContaining(['人次均检测费用 ≤100元/人次', '检测阳性人员依法处置率 =100%']));
    expect(hair.join()).not.toMatch(/整改|安全事件/);
    const roof = rows('人民法庭审判楼屋面防水维修', '对东城人民法庭审判综合楼屋面及外墙渗漏部位进行防水维修改造', 68);
    expect(roof.find((r) => r.includes('质保期'))).toMatch(/≥5年$/);
    expect(roof.join()).not.toMatch(/案件|渗漏部位使用人员/);
  });
});

describe('a programme’s unit cost names only its own count', () => {
  it('says 单位服务成本 per 平方米 for an area, and keeps 人均 for the people it counts', () => {
    const named = (purpose: string, amount: number) => compose(library, { name: '物业服务费', purpose, amount, year: 2027 }, NOW).indicators.map((i) => `${i.name} ${i.value}`);
    const area = named('购买诉讼服务中心保洁、安保物业服务，服务面积约3,000平方米', 36);
    expect(area).toEqual(expect.arrayContaining(['服务面积 ≥3000平方米', '单位服务成本 ≤120元/平方米']));
    expect(area.join()).not.toMatch(/人均/);
    const patrol = compose(library, { name: '巡防队服务经费', purpose: '购买巡防服务，配备巡防队员30人', amount: 180, year: 2027 }, NOW).indicators;
    expect(patrol.map((i) => `${i.name} ${i.value}`)).toContain('巡防队员人均年度经费 ≤6万元/人');
  });
});
