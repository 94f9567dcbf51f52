/** A 40-indicator table long enough to run over several pages, in 元 or 万元. */
import { DraftTableSchema, type DraftTable } from '../../src/domain/draft.ts';

const GROUPS: Array<[string, string, string]> = [
  ['产出指标', '数量指标', '≥12次'],
  ['产出指标', '质量指标', '≥95%'],
  ['产出指标', '时效指标', '2025年12月底前'],
  ['产出指标', '成本指标', '≤4.86万元'],
  ['效益指标', '社会效益指标', '有效提高'],
  ['满意度指标', '服务对象满意度指标', '≥90%'],
];

/**
 * Row i's description starts with 甲i and ends with 乙i and wraps over several lines, so a row
 * split at a page end puts the two marks on different pages.
 */
export function table40(unit: '元' | '万元', over: Partial<DraftTable> = {}): DraftTable {
  const k = unit === '元' ? 10000 : 1;
  return DraftTableSchema.parse({
    year: 2025,
    projectName: '社区矫正工作经费',
    department: '某区司法局',
    implementer: '某区司法局',
    period: '2025年1月至2025年12月',
    amounts: { unit, period: { total: 20 * k, fiscal: 20 * k, other: 0 }, annual: { total: 20 * k, fiscal: 20 * k, other: 0 } },
    fundUse: '用于社区矫正对象教育帮扶、走访和培训',
    spendingPlan: { mar: 25, jun: 50, oct: 80, dec: 100 },
    targets: { period: '全年开展教育帮扶不少于12次。', annual: '全年开展教育帮扶不少于12次。' },
    indicators: Array.from({ length: 40 }, (_, n) => {
      const [level1, level2, value] = GROUPS[n % GROUPS.length]!;
      const i = n + 1;
      return {
        level1,
        level2,
        name: `服务对象满意度第${i}项`,
        description: `甲${i} 针对社区矫正对象开展教育帮扶与走访核查，本项指标的描述较长，需要换行${'，并逐项记录'.repeat(i % 5)} 乙${i}。`,
        value,
        basis: '依据年度工作计划与往年完成情况',
      };
    }),
    ...over,
  });
}
