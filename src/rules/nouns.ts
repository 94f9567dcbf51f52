/**
 * What a 数量指标 counts, read from the last counted noun of its name (the head of a Chinese noun
 * phrase is at its end: 培训人次 counts people, 执法记录仪数量 counts devices), and the units that fit.
 * A small table meant to be read and extended by a reviewer.
 */

export type NounClass = 'person' | 'event' | 'case' | 'device' | 'document' | 'area';

interface NounSpec {
  cls: NounClass;
  /** Words that name what is counted. */
  nouns: string[];
  /** Units that fit. */
  units: string[];
  /** The unit to offer in a fix. */
  unit: string;
}

export const NOUN_UNITS: readonly NounSpec[] = [
  {
    cls: 'person',
    nouns: ['人次', '人数', '人员', '对象', '律师', '调解员', '网格员', '社工', '监护人', '干部', '队员', '学员', '群众', '志愿者', '辅警', '顾问人数', '参训'],
    units: ['人', '人次', '名', '位', '户'],
    unit: '人',
  },
  {
    cls: 'event',
    nouns: ['培训', '讲座', '活动', '宣讲', '会议', '演练', '场次', '次数', '期数', '督查', '检查', '巡逻', '走访', '座谈'],
    units: ['场', '次', '期', '场次', '轮', '堂', '课时', '批', '天'],
    unit: '次',
  },
  { cls: 'case', nouns: ['案件', '纠纷', '事项', '案卷', '卷宗', '件数', '案件数'], units: ['件', '宗', '起', '例', '个', '批'], unit: '件' },
  {
    cls: 'device',
    nouns: ['设备', '机器人', '一体机', '工作站', '手机', '终端', '电脑', '计算机', '车辆', '记录仪', '摄像', '摄像头', '监控', '展板', '标识牌', '宣传牌', '道旗', '服务器', '打印机', '点位', '账号', '线路'],
    units: ['台', '套', '部', '个', '辆', '块', '张', '路', '只', '件', '批', '处', '条', '面', '组'],
    unit: '台',
  },
  {
    cls: 'document',
    nouns: ['材料', '资料', '手册', '书籍', '宣传品', '报刊', '报告', '意见书', '折页', '海报', '读本', '简报'],
    units: ['份', '册', '本', '张', '期', '套', '个', '件', '篇', '种', '万份'],
    unit: '份',
  },
  { cls: 'area', nouns: ['面积'], units: ['平方米', '㎡', '亩', '平米'], unit: '平方米' },
];

/** The class of a counting unit, for telling that a unit counts something else. */
const UNIT_CLASS: Record<string, NounClass> = {
  人: 'person', 人次: 'person', 名: 'person', 位: 'person', 户: 'person',
  场: 'event', 次: 'event', 期: 'event', 场次: 'event', 轮: 'event', 堂: 'event', 课时: 'event',
  件: 'case', 宗: 'case', 起: 'case', 例: 'case',
  台: 'device', 套: 'device', 部: 'device', 辆: 'device', 块: 'device', 路: 'device', 只: 'device',
  份: 'document', 册: 'document', 本: 'document', 篇: 'document',
  平方米: 'area', '㎡': 'area', 亩: 'area', 平米: 'area',
};

export function unitClassOf(unit: string): NounClass | undefined {
  return UNIT_CLASS[unit];
}

const DEVICE_UNIT: Record<string, string> = { 手机: '部', 车辆: '辆', 展板: '块', 标识牌: '块', 宣传牌: '块', 道旗: '面', 账号: '个', 线路: '条', 点位: '个' };

/** What the name counts: the spec of its last counted noun, and the unit a fix should use. */
export function countedNoun(name: string): { spec: NounSpec; noun: string; unit: string } | undefined {
  const hits: Array<{ spec: NounSpec; noun: string; at: number; end: number }> = [];
  for (const spec of NOUN_UNITS) {
    for (const noun of spec.nouns) {
      const at = name.lastIndexOf(noun);
      if (at >= 0) hits.push({ spec, noun, at, end: at + noun.length });
    }
  }
  // A noun that starts inside another (人数 in 机器人数量) is not what the name counts.
  const whole = hits.filter((h) => !hits.some((o) => o !== h && o.at < h.at && h.at < o.end));
  let best: (typeof hits)[number] | undefined;
  for (const h of whole) if (!best || h.end > best.end || (h.end === best.end && h.noun.length > best.noun.length)) best = h;
  if (!best) return undefined;
  const unit = best.spec.cls === 'device' ? (DEVICE_UNIT[best.noun] ?? '台') : best.noun === '人次' ? '人次' : best.noun === '场次' ? '场' : best.spec.unit;
  return { spec: best.spec, noun: best.noun, unit };
}

/**
 * What a count costs the project per unit, by kind of thing counted: a call or a text message costs
 * a few 分, a printed leaflet a few 角, a lecture or a device hundreds of 元. Visits, checks and
 * consultations by the unit's own staff cost the project nothing of their own: no kind, no floor.
 */
export type CostKind = 'message' | 'print' | 'meeting' | 'device';

const MESSAGE_WORDS = /短信|彩信|闪信|外呼|呼叫|电话|通话|语音|推送|弹窗|提醒|消息/;
const STAFF_WORK_WORDS = /走访|巡逻|巡查|检查|督查|排查|回访|接访|接待|咨询|解答|查询|访问|浏览|点击/;

export function costKindOf(name: string, unit: string): CostKind | undefined {
  if (MESSAGE_WORDS.test(name)) return 'message';
  const cls = unitClassOf(unit);
  if (cls === 'document') return 'print';
  if (cls === 'device') return 'device';
  if (cls === 'event') return STAFF_WORK_WORDS.test(name) ? undefined : 'meeting';
  return undefined;
}
