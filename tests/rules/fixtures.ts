/** A draft table a reviewer would accept, and helpers to break one thing at a time. */
import { DraftTableSchema, type DraftTable } from '../../src/domain/draft.ts';
import { loadLibrary } from '../../src/library/load.ts';
import { checkTable, type Finding } from '../../src/rules/index.ts';

export function validTable(): DraftTable {
  return DraftTableSchema.parse({
    year: 2025,
    projectName: '法律信息数据库使用费',
    projectCode: '161001011',
    department: '大连高新区政法办公室',
    implementer: '大连高新区政法办公室',
    period: '2025年1月至2025年12月',
    amounts: {
      unit: '万元',
      period: { total: 9.88, fiscal: 9.88, other: 0 },
      annual: { total: 9.88, fiscal: 9.88, other: 0 },
    },
    fundUse: '用于购买第三方法律数据库服务，支撑合法性审查、行政复议和执法监督工作。',
    spendingPlan: { mar: 25, jun: 50, oct: 75, dec: 100 },
    targets: {
      period: '使用第三方专业法律数据库平台，为重大决策合法性审查提供准确的法规咨询。',
      annual: '全年提供数据库咨询产品不少于5个，服务满意度达到90%以上。',
    },
    framework: 'local',
    indicators: [
      { level1: '产出指标', level2: '数量指标', name: '数据库咨询产品数量', description: '全年提供的咨询产品个数', value: '≥5个' },
      { level1: '产出指标', level2: '质量指标', name: '数据库故障率', description: '服务中断时长占比', value: '≤5%' },
      { level1: '产出指标', level2: '时效指标', name: '服务开通时间', description: '数据库账号开通', value: '2025年3月底前' },
      { level1: '产出指标', level2: '成本指标', name: '数据库使用费', description: '年度服务费', value: '≤9.88万元' },
      { level1: '效益指标', level2: '社会效益指标', name: '依法决策水平', description: '重大决策合法性审查质量', value: '有效提升' },
      { level1: '效益指标', level2: '可持续影响指标', name: '数据库正常使用年限', description: '服务可持续使用', value: '≥5年' },
      { level1: '满意度指标', level2: '服务对象满意度指标', name: '区政法办满意度', description: '使用部门评价', value: '≥90%' },
    ],
  });
}

/** A valid table changed by `edit`. */
export function withEdit(edit: (t: DraftTable) => void): DraftTable {
  const t = validTable();
  edit(t);
  return t;
}

let library: ReturnType<typeof loadLibrary> | undefined;

/** The findings with the template library, as the dialog and `lint` check (targets copied from it). */
export function findingsOf(t: DraftTable, code?: string): Finding[] {
  library ??= loadLibrary();
  const all = checkTable(t, { library });
  return code === undefined ? all : all.filter((f) => f.code === code);
}

/** A dotted field path that points into a DraftTable (what the dialog filters on). */
export const FIELD_PATH =
  /^(?:year|projectName|projectCode|department|implementer|period|fundUse|framework|amounts(?:\.unit|\.(?:period|annual)(?:\.(?:total|fiscal|other))?)?|spendingPlan(?:\.(?:mar|jun|oct|dec))?|targets(?:\.(?:period|annual))?|indicators(?:\.\d+(?:\.(?:level1|level2|name|description|value|basis))?)?)$/;
