/**
 * Project similarity without a model: character n-grams of the name (and, weaker, of the use of funds)
 * plus domain concepts, so that unseen names (`禁毒宣传经费`, `网格员补贴`) still find their kin.
 */
import { squeeze, toHalfWidth } from '../domain/text.ts';

/** Domain concepts: any of the words marks the concept; concepts weigh more than plain n-grams. */
const CONCEPTS: Record<string, string[]> = {
  社区矫正: ['社区矫正', '矫正', '社矫', '社区服刑'],
  法律援助: ['法律援助', '法援', '认罪认罚', '值班律师', '援助'],
  人民调解: ['人民调解', '调解', '民调', '矛盾纠纷', '纠纷'],
  信访: ['信访', '上访', '来访', '访民'],
  视频监控: ['雪亮工程', '雪亮', '视频监控', '监控', '天网', '视频'],
  普法宣传: ['普法', '法治宣传', '法制宣传', '宣传', '讲座'],
  禁毒: ['禁毒', '毒品', '戒毒'],
  网格化: ['网格', '网格员', '网格化'],
  司法所: ['司法所', '规范化建设', '基层司法'],
  法律顾问: ['法律顾问', '顾问', '法务', '律师', '代理'],
  平安建设: ['平安建设', '平安', '综治', '社会治理', '治安', '维稳', '稳定'],
  扫黑除恶: ['扫黑除恶', '黑恶', '有组织犯罪'],
  见义勇为: ['见义勇为'],
  国家安全: ['国家安全', '国安', '反间谍'],
  精神障碍: ['强制医疗', '精神障碍', '肇事肇祸'],
  人员经费: ['工资', '劳务派遣', '社工', '人员经费', '用工', '补贴', '聘用', '辅警', '治安员'],
  设备购置: ['设备', '购置', '采购', '办公设备'],
  信息化运维: ['运行维护', '运维', '政法网', '网络', '信息化', '系统', '数据库', '平台'],
  公共法律服务: ['公共法律服务', '法律服务', '法律咨询'],
  安置帮教: ['刑满释放', '安置帮教', '帮教'],
};

/** Words that say nothing about the kind of project. */
const NOISE = /(?:\d{4}年度?|第[一二三四五六七八九十]+批|专项资金|专项经费|工作经费|业务经费|项目经费|经费|资金|费用|项目|工作)/g;

export interface Profile {
  /** n-gram → weight */
  grams: Map<string, number>;
  concepts: Set<string>;
}

function cleanName(text: string): string {
  return squeeze(toHalfWidth(text)).replace(/[“”"'‘’（）()【】\[\]《》<>、，,。.；;：:]/g, '');
}

function addGrams(grams: Map<string, number>, text: string, weight: number): void {
  for (let n = 1; n <= 3; n++) {
    for (let i = 0; i + n <= text.length; i++) {
      const g = text.slice(i, i + n);
      // Unigrams carry little meaning in Chinese names: weigh them down.
      grams.set(g, (grams.get(g) ?? 0) + weight * (n === 1 ? 0.3 : 1));
    }
  }
}

export function conceptsOf(text: string): Set<string> {
  const found = new Set<string>();
  for (const [concept, words] of Object.entries(CONCEPTS)) {
    if (words.some((w) => text.includes(w))) found.add(concept);
  }
  return found;
}

/** A comparable profile of a project from its name and (optionally) its use of funds. */
export function profile(name: string, purpose?: string): Profile {
  const grams = new Map<string, number>();
  const core = cleanName(name).replace(NOISE, '');
  addGrams(grams, core || cleanName(name), 1);
  if (purpose) addGrams(grams, cleanName(purpose).slice(0, 300), 0.15);
  const concepts = conceptsOf(cleanName(name));
  // Concepts found only in the purpose count too, but less (see similarity()).
  if (purpose) for (const c of conceptsOf(cleanName(purpose))) concepts.add(`~${c}`);
  return { grams, concepts };
}

function cosine(a: Map<string, number>, b: Map<string, number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (const [g, w] of a) {
    na += w * w;
    const v = b.get(g);
    if (v) dot += w * v;
  }
  for (const w of b.values()) nb += w * w;
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function conceptOverlap(a: Set<string>, b: Set<string>): number {
  const strong = (s: Set<string>) => new Set([...s].filter((c) => !c.startsWith('~')));
  const all = (s: Set<string>) => new Set([...s].map((c) => c.replace(/^~/, '')));
  const sa = strong(a);
  const sb = strong(b);
  let score = 0;
  for (const c of sa) if (sb.has(c)) score += 1;
  const aa = all(a);
  const ab = all(b);
  for (const c of aa) if (ab.has(c) && !(sa.has(c) && sb.has(c))) score += 0.3;
  return score;
}

/** Similarity in [0, 1]: n-gram cosine blended with shared domain concepts. */
export function similarity(a: Profile, b: Profile): number {
  const grams = cosine(a.grams, b.grams);
  const concepts = Math.min(1, conceptOverlap(a.concepts, b.concepts));
  return 0.55 * grams + 0.45 * concepts;
}

/** Plain fuzzy name similarity (Dice over character bigrams), used as a baseline and for name matching. */
export function dice(a: string, b: string): number {
  const bigrams = (s: string) => {
    const out = new Map<string, number>();
    const t = cleanName(s);
    if (t.length === 1) out.set(t, 1);
    for (let i = 0; i + 2 <= t.length; i++) out.set(t.slice(i, i + 2), (out.get(t.slice(i, i + 2)) ?? 0) + 1);
    return out;
  };
  const x = bigrams(a);
  const y = bigrams(b);
  let inter = 0;
  let total = 0;
  for (const [g, n] of x) {
    inter += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total ? (2 * inter) / total : 0;
}

/** Two indicator names mean the same thing: equal after cleaning, or bigram Dice ≥ 0.6. */
export function sameIndicatorName(a: string, b: string): boolean {
  return cleanName(a) === cleanName(b) || dice(a, b) >= 0.6;
}
