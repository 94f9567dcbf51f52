/**
 * Indicator patterns per kind of activity, kept as reviewable data. They were written from the 530
 * rows of the sample tables (which names and values reviewers see again and again: 培训考核合格率,
 * 调解成功率, 故障修复及时率, 脱管漏管率, 满意度 ≥90% …) and the MoF 2021 guidance (outputs and effects
 * of this project, quantified, unit cost where a count exists, the right subject for satisfaction).
 *
 * Placeholders: {o} the activity's object (专职网格员), {s} the satisfaction subject, {y} the budget
 * year. A pattern never names a concrete thing of its own: everything concrete comes from {o}.
 */
import type { ActivityKindId } from './lexicon.ts';
import type { UnitClass } from './numbers.ts';

export interface RowSpec {
  name: string;
  /** A literal value; `{y}` becomes the budget year. */
  value: string;
  description: string;
  basis: string;
}

export interface CountSpec {
  /** The count's name by what its unit counts (人 → 人数, 场 → 场次 …); `default` when none fits. */
  names: Partial<Record<UnitClass, string>> & { default: string };
  /** Unit of an estimated count. */
  unit: string;
  /**
   * Typical cost of one unit in 元, for an estimate scaled to the budget when the purpose states no
   * count; undefined when a count is not the natural measure (运维 → 服务期 12个月 instead).
   */
  unitCost?: number;
  /** The count when no estimate applies (运维服务期 =12个月). */
  fixed?: RowSpec;
  description: string;
}

export interface KindPatterns {
  /** 培训, 宣传 … as used in sentences. */
  label: string;
  /** Default satisfaction subject. */
  subject: string;
  count: CountSpec;
  quality: RowSpec;
  timeliness: RowSpec;
  /** Name of the unit cost when this is the only activity: 人均培训成本, 案均补贴标准 … */
  unitCostName: Partial<Record<UnitClass, string>> & { default: string };
  /** Name of a ceiling when no count exists: what it covers. */
  totalCostName: string;
  /** None when another activity's effect says it better (印制 serves the 宣传's effect). */
  benefit?: RowSpec;
  sustain?: RowSpec;
}

const PLAN = '依据年度工作计划';
const CONTRACT = '依据服务合同约定';
const SURVEY = '通过问卷调查测算，参照同类项目满意度水平';
const STANDARD = '依据行业规范和验收标准';

export const PATTERNS: Record<ActivityKindId, KindPatterns> = {
  training: {
    label: '培训',
    subject: '参训人员',
    count: {
      names: { person: '培训{o}人数', event: '{o}培训期数', default: '培训{o}人数' },
      unit: '人次',
      unitCost: 300,
      description: '全年组织{o}参加培训的规模',
    },
    quality: { name: '{o}培训考核合格率', value: '≥95%', description: '参训{o}考核合格人数占参训人数的比例', basis: '依据培训考核办法' },
    timeliness: { name: '年度培训完成时间', value: '{y}年11月底前', description: '全年培训计划完成的时间', basis: '依据年度培训计划' },
    unitCostName: { person: '人均培训成本', event: '每期培训成本', default: '人均培训成本' },
    totalCostName: '{o}培训费用',
    benefit: { name: '参训{o}履职能力', value: '较上年明显提升', description: '培训后{o}业务能力和履职水平的提升情况', basis: '依据培训考核结果和工作考评' },
  },
  publicity: {
    label: '宣传',
    subject: '群众',
    count: {
      names: { event: '{o}宣传活动场次', item: '印制发放{o}数量', person: '{o}宣传覆盖人次', default: '{o}宣传活动场次' },
      unit: '场',
      unitCost: 3000,
      description: '全年开展{o}宣传的规模',
    },
    quality: { name: '{o}宣传内容审核合格率', value: '=100%', description: '宣传材料和宣讲内容经审核符合规定的比例', basis: '依据宣传内容审核制度' },
    timeliness: { name: '{o}宣传活动完成时间', value: '{y}年12月底前', description: '年度宣传计划完成的时间', basis: PLAN },
    unitCostName: { event: '场均宣传成本', item: '宣传资料单位印制成本', person: '人均宣传成本', default: '场均宣传成本' },
    totalCostName: '{o}宣传费用',
    benefit: { name: '群众{o}知晓率', value: '≥85%', description: '抽样调查中知晓{o}相关知识的群众比例', basis: '依据抽样问卷调查' },
  },
  printing: {
    label: '印制',
    subject: '群众',
    count: {
      names: { item: '印制{o}数量', default: '印制{o}数量' },
      unit: '份',
      unitCost: 5,
      description: '印制并发放的{o}数量',
    },
    quality: { name: '{o}印制质量验收合格率', value: '=100%', description: '印制成品经验收符合设计和内容要求的比例', basis: '依据印制合同和验收标准' },
    timeliness: { name: '{o}印制发放完成时间', value: '{y}年6月底前', description: '完成印制并发放到位的时间', basis: PLAN },
    unitCostName: { item: '每{u}{o}印制成本', default: '每{u}{o}印制成本' },
    totalCostName: '{o}印制费用',
  },
  subsidy: {
    label: '补贴发放',
    subject: '{o}',
    count: {
      names: { person: '{o}补贴发放人数', case: '{o}补贴发放件数', default: '{o}补贴发放人数' },
      unit: '人',
      unitCost: 2000,
      description: '全年按标准发放补贴的{o}数量',
    },
    quality: { name: '补贴发放准确率', value: '=100%', description: '补贴对象、标准和金额核对无误的比例', basis: '依据补贴发放标准和审核程序' },
    timeliness: { name: '补贴发放及时率', value: '=100%', description: '按规定时间足额发放的补贴占应发补贴的比例', basis: '依据补贴发放办法' },
    unitCostName: { person: '人均补贴标准', case: '案均补贴标准', default: '人均补贴标准' },
    totalCostName: '{o}补贴资金',
    // A workforce paid to work (网格员, 调解员) stays; for other recipients see SUBSIDY_BENEFITS.
    benefit: { name: '{o}队伍稳定率', value: '≥95%', description: '年末在岗{o}占年初人数的比例', basis: '依据年度人员台账' },
  },
  purchase: {
    label: '购置',
    subject: '{o}使用人员',
    count: {
      names: { item: '购置{o}数量', default: '购置{o}数量' },
      unit: '台',
      unitCost: 5000,
      description: '按采购计划购置并配发的{o}数量',
    },
    quality: { name: '{o}验收合格率', value: '=100%', description: '到货{o}经验收符合采购要求的比例', basis: '依据采购合同和验收标准' },
    timeliness: { name: '{o}采购完成时间', value: '{y}年6月底前', description: '完成采购、验收和配发的时间', basis: '依据政府采购计划' },
    unitCostName: { item: '{o}单价', default: '{o}单价' },
    totalCostName: '{o}购置费用',
    benefit: { name: '{o}投入使用率', value: '≥95%', description: '配发后投入实际工作使用的{o}比例', basis: '依据资产使用登记' },
    sustain: { name: '{o}使用年限', value: '≥5年', description: '{o}正常使用的年限', basis: '依据资产使用年限规定' },
  },
  operation: {
    label: '运行维护',
    subject: '{o}使用人员',
    count: {
      names: { item: '运维{o}数量', default: '运维{o}数量' },
      unit: '套',
      fixed: { name: '{o}运维服务期', value: '=12个月', description: '全年为{o}提供运行维护服务的时长', basis: CONTRACT },
      description: '纳入运行维护范围的{o}数量',
    },
    quality: { name: '{o}正常运行率', value: '≥98%', description: '{o}全年正常运行时间占应运行时间的比例', basis: '依据运维服务合同的服务等级约定' },
    timeliness: { name: '{o}故障响应时间', value: '≤2小时', description: '接到故障报修至运维人员响应的时间', basis: CONTRACT },
    unitCostName: { item: '{o}单位运维成本', default: '{o}单位运维成本' },
    totalCostName: '{o}年度运维费用',
    benefit: { name: '{o}因故障影响业务次数', value: '≤2次', description: '全年因{o}故障导致业务中断的次数', basis: '依据运维记录' },
  },
  repair: {
    label: '维修改造',
    subject: '干部职工',
    count: {
      names: { area: '{o}维修改造面积', item: '{o}维修改造数量', default: '完成{o}维修改造项目数' },
      unit: '项',
      fixed: { name: '完成{o}维修改造项目数', value: '=1项', description: '按实施方案完成的{o}维修改造项目', basis: '依据项目实施方案' },
      description: '按实施方案完成维修改造的{o}规模',
    },
    quality: { name: '{o}维修改造工程验收合格率', value: '=100%', description: '维修改造工程经验收合格的比例', basis: STANDARD },
    timeliness: { name: '{o}维修改造完工时间', value: '{y}年10月底前', description: '维修改造工程完工并通过验收的时间', basis: '依据施工合同工期' },
    unitCostName: { area: '每平方米维修改造成本', item: '单位维修改造成本', default: '单位维修改造成本' },
    totalCostName: '{o}维修改造工程费用',
    benefit: { name: '{o}安全隐患整改率', value: '=100%', description: '维修改造前排查出的{o}安全隐患完成整改的比例', basis: '依据安全隐患排查记录' },
    sustain: { name: '{o}工程质保期', value: '≥2年', description: '维修改造工程的质量保修期限', basis: '依据施工合同质保条款和《建设工程质量管理条例》' },
  },
  build: {
    label: '建设',
    subject: '{o}使用单位',
    count: {
      names: { item: '新建{o}数量', area: '{o}建设面积', default: '新建{o}数量' },
      unit: '个',
      fixed: { name: '完成{o}建设项目数', value: '=1项', description: '按实施方案完成建设的{o}项目', basis: '依据项目实施方案' },
      description: '按实施方案建成的{o}数量',
    },
    quality: { name: '{o}建设验收合格率', value: '=100%', description: '建成的{o}经验收合格的比例', basis: STANDARD },
    timeliness: { name: '{o}建成投用时间', value: '{y}年10月底前', description: '完成建设、验收并投入使用的时间', basis: '依据项目实施方案和合同工期' },
    unitCostName: { item: '单个{o}建设成本', area: '每平方米建设成本', default: '单个{o}建设成本' },
    totalCostName: '{o}建设费用',
    benefit: { name: '{o}建成后投入使用率', value: '≥95%', description: '建成的{o}投入实际工作使用的比例', basis: '依据使用登记和运行记录' },
    sustain: { name: '{o}质保期', value: '≥2年', description: '建设内容的质量保修期限', basis: '依据合同质保条款' },
  },
  survey: {
    label: '调查',
    subject: '委托单位',
    count: {
      names: { event: '{o}调查次数', item: '{o}调查有效样本量', person: '{o}调查覆盖人数', default: '{o}调查次数' },
      unit: '次',
      unitCost: 20000,
      description: '全年开展{o}调查的规模',
    },
    quality: { name: '{o}调查有效样本率', value: '≥95%', description: '有效样本占回收样本的比例', basis: '依据调查实施方案' },
    timeliness: { name: '{o}调查报告按期提交率', value: '=100%', description: '在约定时间提交调查报告的比例', basis: '依据调查实施方案和合同约定' },
    unitCostName: { event: '单次调查成本', item: '单个样本调查成本', default: '单次调查成本' },
    totalCostName: '{o}调查费用',
    benefit: { name: '调查发现问题反馈整改率', value: '≥90%', description: '调查发现的问题反馈责任单位并完成整改的比例', basis: '依据调查结果运用和整改台账' },
  },
  service: {
    label: '购买服务',
    subject: '服务对象',
    count: {
      names: { person: '{o}服务人员数量', event: '{o}服务开展次数', case: '提供{o}服务件数', item: '{o}服务成果数量', default: '{o}服务人员数量' },
      unit: '人',
      fixed: { name: '{o}服务期', value: '=12个月', description: '全年购买{o}服务的时长', basis: CONTRACT },
      description: '按合同提供{o}服务的人员数量',
    },
    quality: { name: '{o}服务质量考核合格率', value: '≥95%', description: '按合同考核达到服务标准的服务事项比例', basis: '依据服务合同考核条款' },
    timeliness: { name: '{o}委托事项按约定时限完成率', value: '≥95%', description: '在合同约定时限内完成的委托事项比例', basis: CONTRACT },
    unitCostName: { person: '人均服务费用', event: '单次服务成本', default: '单位服务成本' },
    totalCostName: '{o}服务费用',
    benefit: { name: '{o}服务需求满足率', value: '≥95%', description: '业务部门提出的{o}服务需求按合同得到满足的比例', basis: '依据服务需求登记和验收记录' },
  },
  casework: {
    label: '案件办理',
    subject: '案件当事人',
    count: {
      names: { case: '{o}办理数量', person: '{o}服务人数', default: '{o}办理数量' },
      unit: '件',
      unitCost: 1000,
      description: '全年办理的{o}数量',
    },
    quality: { name: '{o}办结率', value: '≥95%', description: '已办结的{o}占受理数的比例', basis: '依据案件办理台账' },
    timeliness: { name: '{o}法定期限内办结率', value: '=100%', description: '在法定或规定期限内办结的{o}比例', basis: '依据相关法律法规规定的办理期限' },
    unitCostName: { case: '案均办理成本', person: '人均服务成本', default: '案均办理成本' },
    totalCostName: '{o}办理经费',
    benefit: { name: '{o}当事人合法权益维护率', value: '≥95%', description: '办理后当事人合法权益得到维护的比例', basis: '依据案件回访记录' },
  },
  medical: {
    label: '医疗救治',
    subject: '{o}家属',
    count: {
      names: { person: '{o}救治人数', default: '{o}救治人数' },
      unit: '人',
      unitCost: 3000,
      description: '全年得到救治的{o}人数',
    },
    quality: { name: '{o}规范救治率', value: '≥95%', description: '按诊疗规范救治的{o}比例', basis: '依据医疗诊疗规范' },
    timeliness: { name: '{o}医疗费用结算及时率', value: '=100%', description: '按约定时间结算医疗费用的比例', basis: '依据定点医疗机构协议' },
    unitCostName: { person: '人均救治费用', default: '人均救治费用' },
    totalCostName: '{o}医疗救治费用',
    benefit: { name: '{o}肇事肇祸案件数', value: '=0件', description: '救治对象全年发生肇事肇祸案件的数量', basis: '依据公安、卫健部门通报' },
  },
  supervision: {
    label: '监管帮教',
    subject: '{o}',
    count: {
      names: { person: '监管帮教{o}人数', default: '监管帮教{o}人数' },
      unit: '人',
      unitCost: 500,
      description: '全年纳入监管帮教的{o}人数',
    },
    quality: { name: '{o}脱管漏管率', value: '=0%', description: '脱管、漏管的{o}占在册人数的比例', basis: '依据监管工作台账' },
    timeliness: { name: '{o}报到接收及时率', value: '=100%', description: '在规定时限内完成报到接收的{o}比例', basis: '依据相关法律法规规定的接收时限' },
    unitCostName: { person: '人均监管帮教经费', default: '人均监管帮教经费' },
    totalCostName: '{o}监管帮教经费',
    benefit: { name: '{o}重新违法犯罪率', value: '≤1%', description: '监管期内重新违法犯罪的{o}比例', basis: '依据历年监管数据' },
  },
  inspection: {
    label: '排查检查',
    subject: '{o}所在单位',
    count: {
      names: { event: '{o}排查检查次数', item: '{o}排查检查数量', person: '{o}走访人数', default: '{o}排查检查次数' },
      unit: '次',
      unitCost: 2000,
      description: '全年开展{o}排查检查的规模',
    },
    quality: { name: '{o}发现问题整改率', value: '≥95%', description: '排查发现的问题完成整改的比例', basis: '依据排查整改台账' },
    timeliness: { name: '{o}问题整改按期完成率', value: '≥95%', description: '在规定期限内完成整改的问题比例', basis: PLAN },
    unitCostName: { event: '次均排查检查成本', default: '次均排查检查成本' },
    totalCostName: '{o}排查检查费用',
    benefit: { name: '{o}重大安全事件发生数', value: '=0件', description: '全年因排查不到位发生的重大安全事件数量', basis: '依据年度安全工作统计' },
  },
  rental: {
    label: '租赁',
    subject: '{o}使用人员',
    count: {
      names: { area: '租赁{o}面积', item: '租赁{o}数量', default: '租赁{o}数量' },
      unit: '处',
      fixed: { name: '{o}租赁期', value: '=12个月', description: '全年租赁{o}的时长', basis: '依据租赁合同' },
      description: '按合同租赁的{o}规模',
    },
    quality: { name: '{o}符合使用要求率', value: '=100%', description: '租赁的{o}符合工作使用要求的比例', basis: '依据租赁合同' },
    timeliness: { name: '{o}按期交付使用率', value: '=100%', description: '按合同约定时间交付并投入使用的租赁{o}比例', basis: '依据租赁合同' },
    unitCostName: { area: '每平方米年租金', item: '单位租赁成本', default: '单位租赁成本' },
    totalCostName: '{o}年度租金',
    benefit: { name: '{o}使用需求保障率', value: '=100%', description: '工作所需{o}得到保障的比例', basis: '依据工作需求统计' },
  },
  event: {
    label: '组织活动',
    subject: '参与人员',
    count: {
      names: { event: '组织{o}场次', person: '{o}参与人次', default: '组织{o}场次' },
      unit: '场',
      unitCost: 5000,
      description: '全年组织{o}的规模',
    },
    quality: { name: '{o}按方案完成率', value: '=100%', description: '按活动方案完成的{o}比例', basis: '依据活动实施方案' },
    timeliness: { name: '{o}完成时间', value: '{y}年12月底前', description: '全年{o}完成的时间', basis: PLAN },
    unitCostName: { event: '场均活动成本', person: '人均活动成本', default: '场均活动成本' },
    totalCostName: '{o}活动经费',
    benefit: { name: '{o}参与人员能力提升', value: '较上年明显提升', description: '参与{o}后相关人员能力的提升情况', basis: '依据活动总结评估' },
  },
  staffing: {
    label: '人员保障',
    subject: '{o}',
    count: {
      names: { person: '{o}保障人数', default: '{o}保障人数' },
      unit: '人',
      unitCost: 60000,
      description: '全年保障工资待遇的{o}人数',
    },
    quality: { name: '{o}工资发放准确率', value: '=100%', description: '工资标准和金额核对无误的比例', basis: '依据劳动合同和工资标准' },
    timeliness: { name: '{o}工资按月发放及时率', value: '=100%', description: '按月按时发放工资的比例', basis: '依据劳动合同' },
    unitCostName: { person: '人均年度经费', default: '人均年度经费' },
    totalCostName: '{o}经费',
    benefit: { name: '{o}队伍稳定率', value: '≥95%', description: '年末在岗{o}占年初人数的比例', basis: '依据年度人员台账' },
  },
  insurance: {
    label: '保险',
    subject: '参保对象',
    count: {
      names: { person: '{o}参保人数', default: '{o}参保人数' },
      unit: '人',
      unitCost: 100,
      description: '全年纳入保险的{o}人数',
    },
    quality: { name: '{o}应保尽保率', value: '=100%', description: '已参保对象占应参保对象的比例', basis: '依据参保名册' },
    timeliness: { name: '{o}保费缴纳完成时间', value: '{y}年3月底前', description: '完成年度保费缴纳的时间', basis: '依据保险合同' },
    unitCostName: { person: '人均保费', default: '人均保费' },
    totalCostName: '{o}保费',
    benefit: { name: '{o}出险理赔及时率', value: '≥95%', description: '出险后在约定时限内完成理赔的比例', basis: '依据保险合同理赔条款' },
  },
  work: {
    label: '工作',
    subject: '服务对象',
    count: {
      names: { default: '完成{o}年度重点任务数', person: '{o}保障人数' },
      unit: '项',
      unitCost: 20000,
      description: '按年度工作计划完成的{o}重点任务数量',
    },
    quality: { name: '{o}计划完成率', value: '≥95%', description: '按年度工作计划完成的任务占计划任务的比例', basis: '依据年度工作计划和考核办法' },
    timeliness: { name: '{o}完成及时率', value: '≥95%', description: '在计划时间内完成的任务比例', basis: PLAN },
    unitCostName: { default: '单项任务平均成本', person: '每{u}平均成本' },
    totalCostName: '{o}经费',
    benefit: { name: '{o}目标考核结果', value: '不低于上年', description: '{o}年度目标考核结果与上年比较', basis: '依据年度目标考核结果' },
  },
};

/**
 * Finer patterns for programmes with measures of their own that reviewers expect by name (调解成功率,
 * 法律援助案件质量评查合格率, 信访事项按期办结率). They replace the kind's rows when one of `words` is
 * among the clause's activity words.
 */
export interface Programme {
  /** Matched against the clause's activity words and its text. */
  words: string[];
  /** The kinds the reader may give it (鉴定 is read as case work or as a service bought). */
  kind: ActivityKindId | ActivityKindId[];
  subject?: string;
  count?: Partial<CountSpec['names']>;
  /**
   * What this programme produces, counted when the purpose states no count (审计 → 审计报告 份):
   * replaces the kind's estimate and its fixed 服务期.
   */
  tally?: { name: string; unit: string; unitCost: number; description: string; unitCostName: string };
  /** The unit cost's name when the programme keeps the kind's counts (心理 → 人次均心理服务成本). */
  unitCostName?: string;
  quality?: RowSpec;
  timeliness?: RowSpec;
  benefit?: RowSpec;
}

/** Services 政法 units buy, by what each one delivers (审计报告, 法律意见书, 巡逻 …). */
const SERVICES: Programme[] = [
  {
    words: ['审计'],
    kind: 'service',
    subject: '业务部门',
    tally: { name: '出具审计报告数量', unit: '份', unitCost: 10000, description: '全年委托审计并出具审计报告的数量', unitCostName: '每份审计报告平均费用' },
    quality: { name: '审计报告复核合格率', value: '=100%', description: '经复核符合审计准则要求的审计报告比例', basis: '依据审计业务约定书和审计准则' },
    timeliness: { name: '审计项目按约定时限完成率', value: '≥95%', description: '在约定时限内出具审计报告的审计项目比例', basis: CONTRACT },
    benefit: { name: '审计发现问题整改率', value: '≥90%', description: '审计报告指出的问题按期整改到位的比例', basis: '依据审计整改台账' },
  },
  {
    words: ['法律顾问', '法律服务', '法律咨询', '律师事务所'],
    kind: 'service',
    subject: '受服务部门',
    tally: { name: '出具法律意见书数量', unit: '份', unitCost: 2000, description: '全年为重大决策、合同和纠纷出具法律意见书的数量', unitCostName: '每份法律意见书平均费用' },
    quality: { name: '合同审查和法律意见书质量合格率', value: '≥95%', description: '经抽查符合规范要求的合同审查意见和法律意见书比例', basis: '依据法律服务合同约定的质量标准' },
    timeliness: { name: '法律意见书按约定时限出具率', value: '≥95%', description: '在约定时限内出具的法律意见书比例', basis: CONTRACT },
    benefit: { name: '法律意见采纳率', value: '≥90%', description: '出具的法律意见被决策和业务工作采纳的比例', basis: '依据法律意见采纳记录' },
  },
  {
    words: ['律师代理', '代理诉讼', '诉讼代理', '代理费'],
    kind: 'service',
    subject: '业务部门',
    tally: { name: '委托律师代理案件数量', unit: '件', unitCost: 10000, description: '全年委托律师代理的诉讼、仲裁和复议案件数量', unitCostName: '案均代理费用' },
    quality: { name: '代理案件卷宗归档合格率', value: '=100%', description: '结案后卷宗按规定整理归档合格的代理案件比例', basis: '依据律师代理合同和档案管理规定' },
    timeliness: { name: '代理文书按期提交率', value: '=100%', description: '在法定或约定期限内提交答辩状、代理词等文书的比例', basis: '依据诉讼法规定的期限' },
    benefit: { name: '代理案件胜诉及调解结案率', value: '≥80%', description: '胜诉或以调解、和解结案的代理案件比例', basis: '依据代理案件结案记录' },
  },
  {
    words: ['巡防', '巡逻', '治安员', '护路', '护校'],
    kind: ['service', 'inspection'],
    subject: '辖区群众',
    tally: { name: '巡防队员人数', unit: '人', unitCost: 60000, description: '全年在岗的巡防队员人数', unitCostName: '巡防队员人均年度经费' },
    quality: { name: '巡防勤务排班到岗率', value: '≥98%', description: '按勤务排班到岗执勤的巡防队员比例', basis: '依据巡防勤务考勤记录' },
    timeliness: { name: '警情现场到达及时率', value: '≥95%', description: '接到警情后在规定时间内到达现场的比例', basis: '依据巡防勤务规范' },
    benefit: { name: '巡防区域可防性案件发案数', value: '较上年下降', description: '巡防区域盗窃等可防性案件的发案数与上年相比', basis: '依据公安机关年度发案统计' },
  },
  {
    words: ['保洁', '物业', '安保', '保安'],
    kind: 'service',
    subject: '干部职工',
    tally: { name: '物业保洁安保服务人员数量', unit: '人', unitCost: 60000, description: '按合同在岗提供物业、保洁和安保服务的人员数量', unitCostName: '人均年度服务费用' },
    quality: { name: '物业服务月度考核合格率', value: '≥95%', description: '按合同月度考核达到服务标准的月份比例', basis: '依据物业服务合同考核条款' },
    timeliness: { name: '报修事项响应及时率', value: '≥95%', description: '在约定时间内响应处理的报修事项比例', basis: CONTRACT },
    benefit: { name: '办公场所安全事故发生数', value: '=0起', description: '服务期内办公场所发生的安全责任事故数量', basis: '依据安全管理台账' },
  },
  {
    words: ['翻译', '口译', '笔译', '手语'],
    kind: 'service',
    subject: '案件当事人',
    tally: { name: '提供翻译服务件次', unit: '件次', unitCost: 600, description: '全年提供庭审口译和文书笔译的件次', unitCostName: '每件次平均翻译费用' },
    quality: { name: '翻译质量抽查合格率', value: '≥95%', description: '抽查中译文准确、符合规范的翻译件次比例', basis: '依据翻译服务合同约定的质量标准' },
    timeliness: { name: '庭审口译按时到庭率', value: '=100%', description: '按开庭通知按时到庭提供口译的比例', basis: CONTRACT },
    benefit: { name: '当事人使用本民族语言或通晓语言诉讼权利保障率', value: '=100%', description: '需要翻译的当事人获得翻译服务的比例', basis: '依据《民事诉讼法》《刑事诉讼法》关于使用本民族语言文字的规定' },
  },
  {
    words: ['评估'],
    kind: 'service',
    subject: '业务部门',
    tally: { name: '形成评估报告数量', unit: '份', unitCost: 20000, description: '全年委托第三方评估并形成的评估报告数量', unitCostName: '每份评估报告平均费用' },
    quality: { name: '评估报告验收合格率', value: '=100%', description: '经委托部门验收合格的评估报告比例', basis: '依据评估服务合同约定的验收标准' },
    timeliness: { name: '评估报告按约定时限提交率', value: '=100%', description: '在合同约定时限内提交的评估报告比例', basis: CONTRACT },
    benefit: { name: '评估发现问题整改率', value: '≥90%', description: '评估报告指出的问题按期整改到位的比例', basis: '依据评估整改台账' },
  },
  {
    words: ['鉴定'],
    kind: ['service', 'casework'],
    subject: '业务部门',
    tally: { name: '委托鉴定评估事项数量', unit: '件', unitCost: 3000, description: '全年委托鉴定、评估的事项数量', unitCostName: '件均鉴定评估费用' },
    quality: { name: '鉴定意见书规范合格率', value: '=100%', description: '格式和内容符合鉴定规范的鉴定意见书比例', basis: '依据司法鉴定程序通则' },
    timeliness: { name: '鉴定事项按约定时限完成率', value: '≥95%', description: '在约定时限内出具意见的委托事项比例', basis: CONTRACT },
    benefit: { name: '鉴定意见采信率', value: '≥95%', description: '出具的鉴定意见在案件办理中被采信的比例', basis: '依据案件办理记录' },
  },
  {
    words: ['数据库', '检索'],
    kind: 'service',
    subject: '使用人员',
    quality: { name: '{o}服务可用率', value: '≥99%', description: '全年{o}可正常登录、检索使用的时间比例', basis: CONTRACT },
    timeliness: { name: '{o}故障响应时间', value: '≤4小时', description: '报告故障后服务商响应处理的时间', basis: CONTRACT },
    benefit: { name: '{o}业务部门使用覆盖率', value: '≥90%', description: '开通并使用{o}的业务部门比例', basis: '依据账号开通和使用记录' },
  },
];

export const PROGRAMMES: Programme[] = [
  ...SERVICES,
  {
    words: ['执法记录仪'],
    kind: 'purchase',
    benefit: { name: '现场执法全过程记录率', value: '≥95%', description: '现场执法活动使用执法记录仪全过程记录的比例', basis: '依据《公安机关现场执法视音频记录工作规定》' },
  },
  {
    words: ['毛发检测', '尿检', '吸毒检测', '涉毒'],
    kind: 'inspection',
    subject: '禁毒工作人员',
    tally: { name: '涉毒人员毛发检测人次', unit: '人次', unitCost: 100, description: '全年对社区戒毒康复和涉毒重点人员开展毛发检测的人次', unitCostName: '人次均检测费用' },
    unitCostName: '人次均检测费用',
    quality: { name: '检测样本采集送检规范率', value: '=100%', description: '按规范采集、封存和送检的检测样本比例', basis: '依据吸毒检测程序规定' },
    timeliness: { name: '阳性检测结果通报及时率', value: '=100%', description: '检测结果为阳性的在规定时限内通报公安机关的比例', basis: '依据《吸毒检测程序规定》' },
    benefit: { name: '检测阳性人员依法处置率', value: '=100%', description: '检测发现复吸或隐性吸毒的人员依法处置的比例', basis: '依据《禁毒法》和公安机关处置记录' },
  },
  {
    words: ['在押人员', '被监管人员', '羁押人员', '看守所'],
    kind: 'medical',
    subject: '在押人员',
    tally: { name: '在押人员诊疗人次', unit: '人次', unitCost: 300, description: '全年为在押人员提供日常诊疗、体检和救治的人次', unitCostName: '人次均医疗费用' },
    quality: { name: '新入所人员健康检查率', value: '=100%', description: '新收押人员入所时完成健康检查的比例', basis: '依据《看守所条例》及收押管理规定' },
    timeliness: { name: '突发疾病救治及时率', value: '=100%', description: '突发疾病的在押人员得到及时救治或送医的比例', basis: '依据监所医疗卫生工作规范' },
    benefit: { name: '在押人员因病非正常死亡人数', value: '=0人', description: '全年在押人员因救治不及时导致非正常死亡的人数', basis: '依据监所安全管理统计' },
  },
  {
    words: ['演练'],
    kind: 'event',
    subject: '参演人员',
    tally: { name: '组织{o}演练次数', unit: '次', unitCost: 20000, description: '全年组织{o}实战演练的次数', unitCostName: '次均演练成本' },
    quality: { name: '{o}演练方案预定科目完成率', value: '=100%', description: '演练中按方案完成的预定科目比例', basis: '依据演练实施方案' },
    timeliness: { name: '{o}演练完成时间', value: '{y}年11月底前', description: '年度演练计划全部完成的时间', basis: PLAN },
    benefit: { name: '参演人员{o}处置考核合格率', value: '≥95%', description: '演练后考核中处置流程合格的参演人员比例', basis: '依据演练考核评估记录' },
  },
  {
    words: ['会议', '研判会', '座谈会'],
    kind: 'event',
    subject: '参会人员',
    tally: { name: '召开{o}次数', unit: '次', unitCost: 10000, description: '全年召开{o}的次数', unitCostName: '次均会议成本' },
    quality: { name: '{o}议定事项落实率', value: '≥90%', description: '会议议定事项按要求落实的比例', basis: '依据会议纪要和督办台账' },
    timeliness: { name: '{o}年度召开完成时间', value: '{y}年12月底前', description: '年度计划的{o}全部召开完成的时间', basis: PLAN },
    benefit: { name: '{o}确定的风险隐患按期化解率', value: '≥90%', description: '会议研判确定的风险隐患按期化解的比例', basis: '依据会议纪要和督办台账' },
  },
  {
    // Boards cost hundreds of 元 each, not the 5元 of a leaflet.
    words: ['展板', '宣传栏', '展架', '标识牌', '宣传牌', '灯箱'],
    kind: 'printing',
    tally: { name: '制作{o}数量', unit: '块', unitCost: 500, description: '全年制作并布设的{o}数量', unitCostName: '每块{o}平均制作成本' },
    quality: { name: '{o}制作验收合格率', value: '=100%', description: '制作完成并经验收符合设计和内容要求的{o}比例', basis: '依据制作合同和验收标准' },
    timeliness: { name: '{o}制作布设完成时间', value: '{y}年6月底前', description: '完成制作并布设到位的时间', basis: PLAN },
    benefit: { name: '{o}宣传内容群众知晓率', value: '≥80%', description: '抽样调查中知晓{o}宣传内容的群众比例', basis: '依据抽样问卷调查' },
  },
  {
    words: ['点位', '监控', '系统', '平台', '网络'],
    kind: 'build',
    benefit: { name: '{o}建成后在线率', value: '≥95%', description: '建成的{o}正常在线运行的比例', basis: '依据平台运行监测记录' },
  },
  {
    words: ['阵地', '场所', '设施', '展厅', '基地'],
    kind: 'operation',
    quality: { name: '{o}设施完好率', value: '≥95%', description: '{o}设施设备保持完好的比例', basis: '依据日常巡查记录' },
    timeliness: { name: '{o}日常维护按计划完成率', value: '≥95%', description: '按维护计划按时完成的维护事项比例', basis: PLAN },
    benefit: { name: '{o}正常开放使用率', value: '≥95%', description: '{o}全年正常开放、可供使用的时间比例', basis: '依据开放使用记录' },
  },
  {
    words: ['心理疏导', '心理矫治', '心理咨询', '心理测评', '心理辅导'],
    kind: 'supervision',
    unitCostName: '人次均心理服务成本',
    count: { person: '{o}心理疏导人数', default: '{o}心理疏导人数' },
    quality: { name: '{o}心理疏导覆盖率', value: '≥95%', description: '接受心理疏导的{o}占需疏导人数的比例', basis: '依据心理评估台账' },
    timeliness: { name: '{o}心理测评建档完成时间', value: '{y}年6月底前', description: '完成{o}心理测评并建立心理档案的时间', basis: PLAN },
    benefit: { name: '{o}心理状况改善率', value: '≥80%', description: '疏导后心理评估结果改善的{o}比例', basis: '依据前后心理评估对比' },
  },
  {
    words: ['公益诉讼'],
    kind: 'casework',
    subject: '社会公众',
    count: { case: '公益诉讼案件立案数量', default: '公益诉讼案件立案数量' },
    quality: { name: '公益诉讼案件线索核查率', value: '=100%', description: '受理的公益诉讼线索完成调查核实的比例', basis: '依据公益诉讼办案规则' },
    timeliness: { name: '诉前检察建议按期回复率', value: '≥95%', description: '行政机关在法定期限内书面回复的诉前检察建议比例', basis: '依据《人民检察院公益诉讼办案规则》' },
    benefit: { name: '诉前检察建议整改落实率', value: '≥90%', description: '检察建议所涉问题整改到位、受损公益得到修复的比例', basis: '依据检察建议跟进监督记录' },
  },
  {
    words: ['进校园', '校园', '学校', '中小学', '学生'],
    kind: 'publicity',
    subject: '参与师生',
    benefit: { name: '参与学生法律知识知晓率', value: '≥85%', description: '抽样测试中掌握宣讲法律知识的学生比例', basis: '依据抽样问卷测试' },
  },
  {
    words: ['陪审'],
    kind: 'subsidy',
    subject: '人民陪审员',
    benefit: { name: '人民陪审员参审率', value: '≥95%', description: '依法应当由合议庭审理的案件中有人民陪审员参审的比例', basis: '依据审判管理系统统计' },
  },
  {
    words: ['人民调解', '调解', '矛盾纠纷', '化解'],
    kind: 'casework',
    subject: '纠纷当事人',
    count: { case: '调解矛盾纠纷数量', default: '调解矛盾纠纷数量' },
    quality: { name: '矛盾纠纷调解成功率', value: '≥95%', description: '调解成功的矛盾纠纷占受理调解数的比例', basis: '依据人民调解工作台账' },
    timeliness: { name: '矛盾纠纷调解及时率', value: '≥95%', description: '在规定期限内完成调解的矛盾纠纷比例', basis: '依据《人民调解法》和调解工作规范' },
    benefit: { name: '因矛盾纠纷激化引发的刑事案件数', value: '=0件', description: '调解不及时导致矛盾激化、引发刑事案件（“民转刑”）的数量', basis: '依据公安、司法部门年度统计' },
  },
  {
    words: ['法律援助'],
    kind: 'casework',
    subject: '受援人',
    count: { case: '法律援助案件数量', default: '法律援助案件数量' },
    quality: { name: '法律援助案件质量评查合格率', value: '≥95%', description: '抽查评估合格的法律援助案件占评查案件的比例', basis: '依据法律援助案件质量评估办法' },
    timeliness: { name: '法律援助申请按期审查率', value: '=100%', description: '在法定期限内完成审查并作出决定的法律援助申请比例', basis: '依据《法律援助法》规定的审查时限' },
    benefit: { name: '符合条件的困难群众应援尽援率', value: '=100%', description: '符合法律援助条件的申请人获得援助的比例', basis: '依据法律援助受理台账' },
  },
  {
    words: ['信访'],
    kind: 'casework',
    subject: '信访群众',
    count: { case: '受理信访事项数量', default: '受理信访事项数量' },
    quality: { name: '信访事项按期办结率', value: '≥95%', description: '在规定期限内办结的信访事项占受理数的比例', basis: '依据《信访工作条例》规定的办理期限' },
    timeliness: { name: '信访事项按期受理率', value: '=100%', description: '在规定期限内告知受理与否的信访事项比例', basis: '依据《信访工作条例》' },
    benefit: { name: '信访事项化解率', value: '≥90%', description: '得到化解、未再重复信访的事项比例', basis: '依据信访工作台账' },
  },
];

/**
 * Cost rows that are not one kind's own: the whole project's count shared by its activities, a count
 * of one activity among several, or the total of several activities.
 */
export const COST_NAMES = {
  perPerson: '人均年度经费',
  perCase: '案均经费',
  perUnit: '每{u}平均成本',
  byCount: '每{u}平均成本',
  total: '{o}项目总成本',
} as const;

/** Descriptions of the cost row ({a} amount, {n} count, {u} unit, {c} what the budget covers). */
export const COST_DESCRIPTIONS = {
  unit: '项目预算{a}万元按{n}{u}平均的成本上限',
  mixed: '按全部预算{a}万元测算的每{u}平均成本，含{c}',
} as const;

/** Effect of a subsidy paid per case (以案定补) when no case-work activity states one. */
export const PER_CASE_BENEFIT: RowSpec = {
  name: '{o}办理质效',
  value: '较上年有所提升',
  description: '按件补贴对{o}办理数量和质量的带动作用',
  basis: '依据年度案件统计',
};

/** Who a workforce is: only they get 队伍稳定率 for a subsidy. */
export const WORKFORCE = /(?:网格员|调解员|协管员|辅警|社工|巡防队员|治安员|联络员|信息员|护路员|专职人员|工作人员)$/;

/** Effects of a subsidy by what it pays: an award, relief, or a standing allowance. */
export const SUBSIDY_BENEFITS: Array<{ words: RegExp; row: RowSpec }> = [
  {
    words: /奖励|表彰|奖金/,
    row: { name: '群众对{o}奖励政策知晓率', value: '≥80%', description: '抽样调查中知晓{o}奖励政策的群众比例', basis: '依据抽样问卷调查' },
  },
  {
    words: /救助|慰问|帮扶/,
    row: { name: '{o}实际困难解决率', value: '≥90%', description: '得到救助、慰问的{o}实际困难得到解决的比例', basis: '依据救助帮扶台账回访' },
  },
  {
    words: /./,
    row: { name: '{o}补贴政策知晓率', value: '≥90%', description: '抽样调查中知晓并认可补贴政策的{o}比例', basis: '依据抽样问卷调查' },
  },
];

/** Satisfaction row: the same wording for every kind, with its own subject. */
export const SATISFACTION: RowSpec = {
  name: '{s}满意度',
  value: '≥90%',
  description: '{s}对项目实施情况的满意程度',
  basis: SURVEY,
};
