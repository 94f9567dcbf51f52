/**
 * Reads a project: name + purpose (+ amount, year) → the activities the money pays for, each with
 * its object and stated quantity. `用于全区286名专职网格员培训、网格化服务管理平台运维和网格员工作补贴` →
 * 培训{专职网格员, 286人}, 运维{网格化服务管理平台}, 补贴{网格员, 286人}. Pure.
 */
import { toHalfWidth } from '../domain/text.ts';
import { DOMAIN_WORDS, FILLERS, TRIGGERS, type ActivityKindId, type Trigger } from './lexicon.ts';
import { findQuantities, unitClass, type Quantity } from './numbers.ts';
import { tag, words } from './segment.ts';

export interface ProjectInput {
  name: string;
  purpose?: string;
  /** 万元 */
  amount?: number;
  year?: number;
}

export interface Activity {
  kind: ActivityKindId;
  /** The trigger word as written (培训, 运维 …); '' for the generic kind. */
  verb: string;
  /** Every trigger word of the clause (法律援助, 办理): programme words pick finer patterns. */
  words: string[];
  /** What the activity acts on (专职网格员, 网格化服务管理平台); never empty. */
  object: string;
  /** Whose satisfaction fits (受援人, 参训人员 …), when the trigger says. */
  subject?: string;
  /** The stated count, when the purpose gives one. */
  quantity?: Quantity;
  /** True when the count was stated for another activity on the same object (网格员 286人). */
  sharedQuantity?: boolean;
  /** Further counts of the same activity (4期 … 600人次; 30场 … 覆盖6000人次). */
  extra?: Quantity[];
  clause: string;
  /** Where the clause starts in the purpose (-1 for the name). */
  at: number;
  /** Where the activity word stands in the purpose (-1 for the name or a continued list). */
  verbAt?: number;
}

export interface ProjectReading {
  input: ProjectInput;
  activities: Activity[];
  /** Every counted quantity stated in name and purpose. */
  quantities: Quantity[];
  /** The whole text of name and purpose, for mention checks. */
  text: string;
  /** A short topic for sentences and generic rows (网格化服务管理, 社区矫正). */
  topic: string;
}

/** Triggers that mark an activity only when the clause has no stronger one (法治宣传活动 is 宣传). */
const WEAK = new Set(['普法', '调查', '活动', '建设', '更新', '维护', '执行', '办理', '办案', '监管', '配置', '管控', '监护', '审理', '委托', '会议', '检查']);
/** Contexts in which a trigger is no activity: 维护社会稳定, 平安建设, 法治建设. */
const NOT_AFTER: Record<string, RegExp> = {
  维护: /^(?:社会|稳定|安全|权益|合法|公平|群众)/,
  建设: /^(?:水平|成效)/,
  执行: /^(?:率|情况)/,
  宣传: /^(?:册|品|栏|单|页|资料|展板|折页|海报|片)/,
  普法宣传: /^(?:册|品|栏|单|页|资料|展板|折页|海报|片)/,
  法治宣传: /^(?:册|品|栏|单|页|资料|展板|折页|海报|片)/,
  审判: /^(?:综合楼|大楼|楼|庭|法庭|流程|管理|系统|业务|质效|工作会议)/,
  运营: /^商/,
  办案: /^(?:区|业务用房|用房|场所|中心|系统|平台|设备|装备|车辆)/,
  活动: /^(?:安保|场所|中心|室)/,
  诉讼: /^(?:服务|档案|费)/,
  值班: /^(?:律师|室|点)/,
  培训: /^(?:中心|基地|教室)/,
  调解: /^(?:室|组织|委员会|工作室)/,
};
/**
 * A trigger followed by one of these names a place, a person or a skill (心理矫治室, 调解员, 调解技能),
 * not an activity.
 */
const PLACE_AFTER = /^(?:室|工作室|员|技能)/;
const NOT_BEFORE: Record<string, RegExp> = {
  测评: /(?:等级保护|等保|安全)$/,
  建设: /(?:平安|法治|规范化|队伍|政府|文化|党风廉政|信息化|作风|能力)$/,
  更新: /(?:及时)$/,
};

const BY_LENGTH = [...TRIGGERS].sort((a, b) => b.word.length - a.word.length);
const FILLERS_BY_LENGTH = [...FILLERS].sort((a, b) => b.length - a.length);
const SELF = /^(?:我区|本区|我县|本县|我市|本市|辖区|我院|本院|我局|本局|我委|本委|我所|本单位|我单位|区级|县级)/;

interface Hit {
  trigger: Trigger;
  index: number;
}

/** Trigger occurrences in a clause, non-overlapping, longest word first at each position. */
function triggersIn(clause: string): Hit[] {
  const taken: boolean[] = [];
  const hits: Hit[] = [];
  for (const trigger of BY_LENGTH) {
    let from = 0;
    for (;;) {
      const index = clause.indexOf(trigger.word, from);
      if (index < 0) break;
      from = index + 1;
      const end = index + trigger.word.length;
      if (taken.slice(index, end).some(Boolean)) continue;
      if (NOT_AFTER[trigger.word]?.test(clause.slice(end)) || PLACE_AFTER.test(clause.slice(end))) continue;
      if (NOT_BEFORE[trigger.word]?.test(clause.slice(0, index))) continue;
      for (let k = index; k < end; k++) taken[k] = true;
      hits.push({ trigger, index });
    }
  }
  return hits.sort((a, b) => a.index - b.index);
}

/** The activity of a clause: its rightmost strong trigger (Chinese is head-final: 网格员工作补贴 → 补贴). */
function headOf(hits: Hit[]): Hit | undefined {
  const strong = hits.filter((h) => !h.trigger.keepInObject && !WEAK.has(h.trigger.word));
  // 日常巡检、故障维修和配件更换: repairs among the upkeep keep things running.
  const upkeep = strong.find((h) => h.trigger.kind === 'operation');
  if (upkeep && strong.every((h) => h.trigger.kind === 'operation' || (h.trigger.kind === 'repair' && /^维修|更换/.test(h.trigger.word)))) return upkeep;
  if (strong.length) {
    // A verb-first clause (购置执法记录仪, 开展法治宣传) has its trigger at the start.
    return strong[strong.length - 1];
  }
  const weak = hits.filter((h) => !h.trigger.keepInObject);
  return weak[weak.length - 1] ?? hits[hits.length - 1];
}

function stripFillers(s: string): string {
  let out = s;
  for (;;) {
    const before = out;
    out = out.replace(SELF, '');
    for (const f of FILLERS_BY_LENGTH) {
      if (out.startsWith(f)) out = out.slice(f.length);
      if (out.endsWith(f) && out.length > f.length) out = out.slice(0, -f.length);
    }
    out = out.replace(/^[的之各]+|[的之]+$/g, '');
    if (out === before) return out;
  }
}

/** Verbs that put their object after them. */
const VERB_FIRST = new Set(['购买服务', '新建', '设立', '安装', '部署', '购置', '采购', '配备', '配置', '更新', '租赁', '租用', '聘请', '聘用', '印制', '印刷', '排查', '核查', '走访', '委托']);
/** Words stripped from the end of an object (严重精神障碍患者看护管理 → 严重精神障碍患者). */
const END_FILLERS = /(?:看护管理|管理|教育|工作|服务费|标准|岗位|线索|等支出|支出|尾款|[一二三四五六七八九十\d]期|相关)+$/;

const NOUNISH = /^(?:n|nr|ns|nt|nz|vn|l|j|eng|ng|an)$/;
/** Domain verbal nouns that jieba may still tag as verbs (禁毒/v): inside an object they are nouns. */
const DOMAIN_NOUNS = new Set(DOMAIN_WORDS.map(([w]) => w));

/** 平台的软硬件|运维: the parts are the platform's; the platform is what is kept running. */
function ofWhole(before: string, object: string): string {
  if (!/^(?:软硬件|软件|硬件|设施|设备|系统)$/.test(object)) return object;
  const m = /([\u4e00-\u9fa5]{2,20})的(?:软硬件|软件|硬件|设施|设备|系统)$/.exec(before);
  return m ? stripFillers(m[1]!) || object : object;
}

/** The noun run next to the trigger: before it (网格员工作|补贴), else after it (购置|执法记录仪). */
function objectOf(clause: string, head: Hit, hits: Hit[]): string {
  const before = clause.slice(0, head.index);
  const after = clause.slice(head.index + head.trigger.word.length);
  const keep = hits.filter((h) => h !== head && h.trigger.keepInObject && h.trigger.object);
  const run = (text: string, fromEnd: boolean): string => {
    const tokens = tag(text);
    if (fromEnd) tokens.reverse();
    const out: string[] = [];
    const isTrigger = (w: string) => TRIGGERS.some((tr) => tr.word === w && !tr.keepInObject);
    for (let k = 0; k < tokens.length; k++) {
      const t = tokens[k]!;
      const next = tokens[k + 1];
      const nounish = NOUNISH.test(t.tag) || DOMAIN_NOUNS.has(t.word) || (out.length > 0 && t.tag === 'zg') || /^(?:员|站|点|室|所|台|库|网)$/.test(t.word);
      if (nounish && !(out.length === 0 && isTrigger(t.word))) out.push(t.word);
      // Inside a run a verb or adjective modifies the noun (政法网扩容项目, 严重精神障碍患者, 看护管理补贴).
      else if (out.length > 0 && /^(?:v|a|b)$/.test(t.tag) && (fromEnd ? !next || NOUNISH.test(next.tag) : true) && t.word.length > 1) out.push(t.word);
      else if (out.length === 0 && /^(?:x|uj|p|c|d|v|m|q|vn)$/.test(t.tag) && !/[，,；;。]/.test(t.word)) continue;
      else break;
    }
    if (fromEnd) out.reverse();
    const joined = stripFillers(out.join(''));
    return joined.replace(END_FILLERS, '') || joined;
  };
  // 通过媒体进行公益|宣传: what is done (公益) comes after the verb, the channel before it.
  // 对指挥中心110接处警系统进行|升级改造: what comes between 对 and 进行 is worked on.
  const worked = /^对(.+?)(?:进行|开展|实施)/.exec(before.replace(/^(?:主要)?用于/, ''))?.[1]?.replace(/约?[\d,，.]+[人名个件台套户家]$/, '');
  const behind = worked ? stripFillers(worked.replace(OWN_UNIT, '')) : ofWhole(before, run(before, true)).replace(/^.*?(?:进行|开展|实施)(?=.)/, '');
  // After a verb the object is the whole span up to a count or a stop (购置|自助立案一体机|8台): jieba
  // tags parts of such compounds as verbs, so a tag run would cut them short.
  const span = stripFillers(
    (after.split(/[，,；;。、　]/)[0] ?? '')
      // 各改造1间科技法庭: a count right after the verb is the object's own count.
      .replace(/^(?:[\d０-９]+|[一二三四五六七八九十两]+)[个台套部件份册本张间处所项批架]/, '')
      .split(/[\d０-９]|[一二三四五六七八九十百千万两几]+[名个台套部件份册本张辆人次场期处所间项]/)[0]!
      .replace(/^.*?(?:开展|进行|提供|实施)/, '')
      .replace(/^(?:第三方|配套|相关|发放)/, '')
      // 配备社工辅助做好社区矫正工作: what follows the helper verb is their task, not the object.
      .replace(/(?:辅助(?!人员)|协助|做好|负责|参与|从事|开展|到|在)[\u4e00-\u9fa5].*$/, ''),
  ).replace(END_FILLERS, '');
  const ahead = span || run(after.split(/[，,；;。]/)[0] ?? '', false);
  // Verb-first (购置执法记录仪, 为派出所配备执法记录仪): the object follows; a recipient (为派出所) does not count.
  const verbFirst = VERB_FIRST.has(head.trigger.word) || /(?:^|[为给向对])[^为给向对]*$/.test(before.replace(behind, '')) && /^[为给向对]/.test(before);
  // 对…开展日常巡检: what 对 names is worked on, whatever the verb.
  let object = worked && behind ? behind : (verbFirst && ahead) || !behind ? ahead || behind : behind;
  // 交通|文明劝导: a fragment of the trigger's own object is that object.
  if (head.trigger.object && object && head.trigger.object.startsWith(object)) object = head.trigger.object;
  // A trigger of the same kind that names its object (以案定补 → 案件) wins over a loose run.
  const named = hits.find((h) => h !== head && h.trigger.kind === head.trigger.kind && h.trigger.object);
  if (named?.trigger.object === '案件' || head.trigger.object === '案件') {
    // 以案定补/按件补贴 pays per case: the object is the case, of the programme the clause names.
    const programme = hits.find((h) => h.trigger.kind === 'casework' && h.trigger.keepInObject && h.trigger.object);
    object = programme?.trigger.object ?? '案件';
  } else if (named && (!object || object.includes(named.trigger.word))) object = named.trigger.object!;
  // 司法|鉴定, 刑事|审判: a field's name alone is no object; the trigger's own one is (鉴定事项).
  if (head.trigger.object && (/^(?:司法|刑事|民事|行政|法医|技术|专项)$/.test(object) || (head.trigger.word === '鉴定' && object === '案件'))) object = head.trigger.object;
  // 法律援助办案补贴 → the case of 法律援助, not 法律援助办案.
  const inner = keep.find((h) => object.includes(h.trigger.word));
  // Publicity of 法律援助 publicises the programme, not its cases.
  if (inner && ['casework', 'subsidy', 'service'].includes(head.trigger.kind) && (!object || object === inner.trigger.word || /办案|工作/.test(object))) object = inner.trigger.object!;
  return object;
}

/** The people or things named before a programme word (对刑满释放人员开展|安置帮教). */
function runBefore(clause: string, head: Hit): string {
  const before = clause.slice(0, head.index);
  if (!/^[对为给向]/.test(before)) return '';
  const named = before.slice(1);
  return objectOf(`${named}工作`, { trigger: { word: '工作', kind: head.trigger.kind }, index: named.length }, []);
}

/** A unit's own name before its object says who pays, not what is bought (政法办巡防队 → 巡防队). */
const OWN_UNIT = /^(?:[区县市省]委?)?(?:政法委|政法办|司法局|人民法院|法院|人民检察院|检察院|公安局|公安分局|管委会?)(?=[\u4e00-\u9fa5]{2})/;
const OWN_UNIT_ONLY = /^(?:[区县市省]委?)?(?:政法委|政法办|司法局|人民法院|法院|人民检察院|检察院|公安局|公安分局|管委会?)$/;
/** What a clause aims at rather than pays for: 化解矛盾靠法的社会氛围, 法治观念. */
const EFFECT_OBJECT = /(?:氛围|意识|观念|水平|能力|环境|秩序|大局)$/;
/** Words that only say money or a project: never what an activity acts on. */
const NO_OBJECT = /^(?:费|经费|费用|资金|项目|工作|规定|问题)$/;

function tidyObject(object: string): string {
  // 县社区矫正中心: the level of government says whose, not what.
  let out = object.replace(OWN_UNIT, '').replace(/^[县区市]级?(?=社区|司法|公安|法院|检察|人民|政法|综治|看守|拘留|戒毒|指挥)/, '');
  // 126个路口的交通信号灯, 报废超龄的车辆, 生活困难的…人员及其家属: where, which and whose family
  // are said elsewhere (a count, the purpose); the thing is what follows.
  out = out
    // 东城人民法庭审判综合楼: the named site is the user's; the thing repaired is the building.
    .replace(/^[\u4e00-\u9fa5]{2,4}(?:人民法庭|派出所|司法所)(?=[\u4e00-\u9fa5]{3})/, '')
    .replace(/^(?:运营商|约?[\d,]+[个名件台套户家处][\u4e00-\u9fa5]{1,4}的|报废超龄的|超期服役的|老旧的|生活(?:陷入急迫)?困难的|困难的|在册的?)/, '')
    .replace(/(?:及其家属|及其近亲属|及家属|渗漏部位|部位)$/, '');
  if (out === '矛盾') out = '矛盾纠纷';
  // 依法治理等司法行政: the listed item before 等 is what is done.
  const head = out.split('等')[0]!;
  if (head.length >= 2) out = head;
  // 行业性、专业性: a quality, not a thing.
  return NO_OBJECT.test(out) || out.length < 2 || /性$/.test(out) || OWN_UNIT_ONLY.test(out) ? '' : out;
}

/** A clause that states an effect or a basis, not what the money pays for (提高…知晓率, 按照…部署). */
const NOT_AN_ACTIVITY = /^(?:(?:有效|不断|进一步)?(?:提高|提升|增强|促进|推动形成|形成|营造|减少|降低|实现|消除|防止|弘扬|引导|确保|保障(?!.*(?:补贴|补助|伙食|医疗|运行|运维))|满足)|(?:按照|根据|依据|依照).*(?:部署|要求|规定|安排|精神)$)/;

const CONNECTORS = new Set(['和', '及', '以及', '与', '并', '同时', '并且']);

const SUBSIDY_TYPES = /^(?:交通|通讯|通信|误餐|生活|陪审|值班|加班|岗位|办案|工作|困难|看护|管理|看护管理)$/;
const PEOPLE_END = /(?:人员|员|人|者|对象|当事人|律师|学生|家属|患者|监护人|干警|民警|辅警|干部|职工)$/;

/** The first group of people a text counts (96名人民陪审员 → 人民陪审员). */
function peopleIn(text: string): string {
  for (const q of findQuantities(text)) {
    if (unitClass(q.unit) !== 'person') continue;
    const noun = /^[\u4e00-\u9fa5]{2,10}?(?:人员|员|人|者|对象|当事人|律师|学生|家属|患者|监护人)/.exec(text.slice(q.index + q.text.length))?.[0];
    if (noun) return noun;
  }
  return '';
}

/** The first group of people a text names (帮助困难安置帮教对象 → 安置帮教对象), counted or not. */
function peopleNamed(text: string): string {
  const tokens = tag(text);
  for (let k = 0; k < tokens.length; k++) {
    if (!/^n/.test(tokens[k]!.tag) || !PEOPLE_END.test(tokens[k]!.word)) continue;
    let from = k;
    while (from > 0 && /^(?:n|nz|vn)$/.test(tokens[from - 1]!.tag) && k - from < 2) from--;
    const noun = stripFillers(tokens.slice(from, k + 1).map((t) => t.word).join(''));
    if (noun.length >= 2 && !/^(?:人员|工作人员)$/.test(noun)) return noun;
  }
  return '';
}

/** Splits a purpose into clauses: at punctuation, and at 和/及/并 between two activities. */
function clausesOf(text: string): string[] {
  const out: string[] = [];
  for (const part of text.replace(/([一二三四五六七八九十\d])、(?=[一二三四五六七八九十\d])/g, '$1').split(/[，,；;。、\n（）()：:　]+/)) {
    const p = part.trim();
    if (!p) continue;
    // At connector words only (jieba's cut): not inside 参与, 及时, 和谐.
    const pieces: string[] = [''];
    for (const w of words(p)) {
      if (CONNECTORS.has(w)) pieces.push('');
      else pieces[pieces.length - 1] += w;
    }
    // Split at a connector only when each side holds an activity of its own.
    const counted = (x: string) => findQuantities(x).some((q) => unitClass(q.unit) === 'item');
    const strong = (x: string) => triggersIn(x).some((h) => !WEAK.has(h.trigger.word));
    if (pieces.length > 1 && pieces.every((x, k) => strong(x) || (k > 0 && counted(x)))) out.push(...pieces);
    else out.push(p);
  }
  return out;
}

const KIND_OBJECT: Partial<Record<ActivityKindId, string>> = {
  training: '工作人员',
  publicity: '法治',
  subsidy: '补贴对象',
  purchase: '设备',
  operation: '信息系统',
  repair: '办公场所',
  service: '服务',
  casework: '案件',
  medical: '救治对象',
  supervision: '监管对象',
  inspection: '重点部位',
  rental: '场地',
  event: '活动',
  staffing: '聘用人员',
  insurance: '参保对象',
};

function activitiesOf(text: string): Activity[] {
  const out: Activity[] = [];
  let lastObject = '';
  // 保障全院96名人民陪审员参审: people counted in a clause with no activity of its own.
  let lastPeople = peopleIn(text);
  let cursor = 0;
  for (const clause of clausesOf(text)) {
    const at = text.indexOf(clause, cursor);
    if (at >= 0) cursor = at + clause.length;
    const hits = triggersIn(clause);
    // 「…，预计送达法律文书18,000件」: a forecast counts the work named before it, it is no new activity.
    const forecast = out.length > 0 && /^(?:预计|计划|全年预计|预计全年)/.test(clause);
    const head = forecast || NOT_AN_ACTIVITY.test(clause.replace(/^(?:主要)?用于/, '')) ? undefined : headOf(hits);
    if (!head) {
      // 「购置自助立案一体机8台、智能导诉机器人2台」: a counted item with no verb continues the list.
      const prev = out[out.length - 1];
      const q = findQuantities(clause)[0];
      // Only bought, built or printed items continue a list; other counts stay with the activity before.
      if (prev && q && prev.at >= 0 && ['purchase', 'build', 'printing'].includes(prev.kind) && unitClass(q.unit) === 'item') {
        const item = stripFillers(clause.slice(0, q.index).replace(/^(?:配套|及|和)/, '')).replace(END_FILLERS, '');
        if (item) out.push({ ...prev, object: item, clause, at, verbAt: -1, quantity: undefined, extra: undefined, sharedQuantity: undefined });
      }
      continue;
    }
    const t = head.trigger;
    // 我区/全区 say where, not what: out of the object's way (主要用于我区严重精神障碍患者强制医疗).
    const bare = clause.replace(/我区|本区|全区|我县|本县|全县|我市|本市|全市|辖区/g, '');
    let object = tidyObject(bare === clause ? objectOf(clause, head, hits) : objectOf(bare, { ...head, index: bare.indexOf(t.word) }, triggersIn(bare)));
    if (EFFECT_OBJECT.test(object)) continue;
    // 车辆的维修保养、年检、保险及燃油: insuring the things kept running is part of running them.
    if (t.kind === 'insurance' && !PEOPLE_END.test(object) && out.some((a) => a.kind === 'operation')) continue;
    // 政法办审计服务: with the unit's name left out, the programme word names the object.
    if (!object) object = hits.find((h) => h !== head && h.trigger.keepInObject && h.trigger.object)?.trigger.object ?? '';
    // 对刑满释放人员开展安置帮教: the people named beat the programme's generic 安置帮教对象.
    if (t.keepInObject && t.object) object = runBefore(clause, head) || t.object;
    // 突发疾病救治: a disease is not whom the money serves.
    if (/(?:疾病|病|伤病)$/.test(object) && lastObject) object = lastObject;
    // 交通补贴, 陪审补助: the kind of allowance, paid to the people named before.
    // 召开政法工作会议: a meeting is named with its word (会议, 推进会), not by what precedes it alone.
    if (t.word === '会议' && object && !object.endsWith('会议')) object = stripFillers(object.replace(/^(?:召开|举办|举行)/, '')) + '会议';
    // 季度督导检查: the frequency is a count, not part of the object.
    object = object.replace(/(?:季度|年度|月度)$/, '') || object;
    // 组织检察干警参加…业务专题培训, 戒毒人员入所体检: who is trained or treated are the people named.
    if ((t.kind === 'training' || t.kind === 'medical') && !PEOPLE_END.test(object)) object = peopleNamed(clause) || peopleNamed(text) || object;
    // 首站救助: the kind of relief; it is paid to the people the purpose names.
    if (t.kind === 'subsidy' && (SUBSIDY_TYPES.test(object) || !object || !PEOPLE_END.test(object))) object = lastPeople || peopleNamed(text) || object;
    if (!object) object = lastObject || t.object || KIND_OBJECT[t.kind] || '';
    if (PEOPLE_END.test(object)) lastPeople = object;
    lastObject = object;
    // 法律援助 says 受援人 more precisely than the weak 办理; a 审判楼 repair has no litigants.
    const related = hits.filter((h) => h === head || (h.trigger.keepInObject && ['casework', 'subsidy', 'service'].includes(t.kind)));
    const subject = related.find((h) => h.trigger.keepInObject && h.trigger.subject)?.trigger.subject ?? t.subject;
    // 采购法律服务 buys a service, not goods; a 系统/平台 kept running is operation, not repair.
    let kind = t.kind;
    if (kind === 'purchase' && /服务$/.test(object)) kind = 'service';
    // 配备社工, 聘请律师: people are staffed, not bought.
    if ((kind === 'purchase' || kind === 'service') && /^(?:配备|聘请|聘用|招聘)$/.test(t.word) && PEOPLE_END.test(object)) kind = 'staffing';
    out.push({ kind, verb: t.word, words: hits.map((h) => h.trigger.word), object, clause, at, verbAt: at >= 0 ? at + head.index : -1, ...(subject ? { subject } : {}) });
  }
  return out;
}

function attachQuantities(activities: Activity[], quantities: Quantity[], text: string): void {
  for (const q of quantities) {
    // The clause holding the count, else the nearest activity before it (「…消防安全检查，每季度1次」).
    const inClause = activities.find((a) => a.at >= 0 && q.index >= a.at && q.index < a.at + a.clause.length);
    const before = activities.filter((a) => a.at >= 0 && a.at <= q.index).pop();
    const owner = inClause ?? before ?? activities.find((a) => a.at < 0) ?? activities[0];
    if (!owner) continue;
    // 为辖区14个派出所配备执法记录仪320台: the 14 counts recipients, the 320 what is bought.
    const lead = owner.clause.slice(0, Math.max(0, q.index - owner.at));
    // 通过政府购买服务方式为全区85个村聘请…: the way it is paid for comes before the recipients.
    if (inClause && owner.verbAt !== undefined && owner.verbAt > q.index && /^[为给向对]/.test(lead.replace(/^(?:主要)?用于/, '').replace(/^通过[^为给向对]*?方式/, ''))) {
      const noun = owner.clause.slice(q.index - owner.at + q.text.length).match(/^[\u4e00-\u9fa5]{0,6}?(?:所|庭|院|中心|站|队|街道|社区|村|学校|单位|部门|路口|乡镇)/)?.[0];
      if (noun) {
        (owner.extra ??= []).push({ ...q, coverage: noun });
        continue;
      }
    }
    // A duration (480个工作日) is how long a service runs, never how many things are built or bought.
    const durationOfThings = unitClass(q.unit) === 'duration' && ['build', 'purchase', 'repair', 'printing'].includes(owner.kind);
    if (durationOfThings) {
      // 设立工作站，安排值班律师…值班480个工作日: the duty is served by the other activity.
      const served = activities.find((a) => !['build', 'purchase', 'repair', 'printing'].includes(a.kind));
      if (served && !served.quantity) served.quantity = { ...q, ...labelOf(text, q) };
      continue;
    }
    if (!owner.quantity) owner.quantity = inClause ? q : { ...q, ...labelOf(text, q) };
    else (owner.extra ??= []).push({ ...q, ...labelOf(text, q) });
  }
  // 为5个人民法庭各改造1间: 各 multiplies the count by the recipients.
  for (const a of activities) {
    const c = a.extra?.find((x) => x.coverage);
    if (c && a.quantity && a.quantity.index > c.index && text.slice(c.index, a.quantity.index).includes('各')) {
      a.quantity = { ...a.quantity, value: a.quantity.value * c.value };
    }
  }
  // The same people counted once serve every activity on them: 286名专职网格员 … 网格员工作补贴.
  for (const a of activities) {
    if (a.quantity) continue;
    const donor = activities.find(
      (b) =>
        b.quantity &&
        ['person', 'case'].includes(unitClass(b.quantity.unit) ?? '') &&
        (b.object.endsWith(a.object) || a.object.endsWith(b.object)),
    );
    if (donor?.quantity) {
      a.quantity = donor.quantity;
      a.sharedQuantity = true;
      if (donor.object.endsWith(a.object)) a.object = donor.object;
    }
  }
}

/** The noun written right before a further count (全年样本量不少于4000份 → 样本量), if any. */
function labelOf(text: string, q: Quantity): { label?: string } {
  // 1,200路公共视频正常接入: a noun right after the count is what is counted.
  const after = /^([\u4e00-\u9fa5]{2,6}?)(?=正常|接入|稳定|运行|的|[，,；;。]|$)/.exec(text.slice(q.index + q.text.length))?.[1];
  if (after && q.unit === '路') return { label: after };
  const before = text.slice(0, q.index).replace(/(?:约|共|不少于|不低于|达到|至少|预计|累计|全年|每年)+$/, '');
  const m = /([\u4e00-\u9fa5]{2,8})$/.exec(before.split(/[，,；;。、　]/).pop() ?? '');
  const label = m ? stripFillers(m[1]!.replace(/^.*?(?:覆盖|参加|参与|受理|办理)(?=.)/, (x) => (/覆盖/.test(x) ? '' : x.replace(/^.*?(参加|参与|受理|办理)/, '$1')))) : '';
  // 设考场30个, 计划完成档案12,000卷: the verb before the noun is not part of what is counted.
  const noun = label.replace(/^(?:设置|设立|设|完成|建成|新建)(?=[\u4e00-\u9fa5]{2})/, '');
  return noun && noun.length >= 2 && !TRIGGERS.some((t) => noun.endsWith(t.word)) ? { label: noun } : {};
}

/** Merges activities of one kind on one object (宣传 + 宣讲 of 法治 are one group). */
function dedupe(activities: Activity[]): Activity[] {
  const out: Activity[] = [];
  for (const a of activities) {
    // A short leftover (检测 of 检测鉴定) is a step of the same work, not an object of its own.
    const generic = (o: string) => /^(?:人员|工作人员|服务人员)$/.test(o);
    // A short leftover (检测 of 检测鉴定) is a step of the work before, not an object of its own.
    const step = a.object.length <= 2 && !PEOPLE_END.test(a.object);
    // 司法会计鉴定、电子数据鉴定、法医鉴定: one kind of work listed by its sub-kinds.
    const listed = (b: Activity) => b.verb === a.verb && b.verb !== '' && !['purchase', 'build', 'printing', 'repair'].includes(a.kind);
    const same = out.find(
      (b) => b.kind === a.kind && (listed(b) || b.object.includes(a.object) || a.object.includes(b.object) || generic(a.object) || generic(b.object) || step),
    );
    if (!same) out.push(a);
    else {
      if (!same.quantity && a.quantity) same.quantity = a.quantity;
      else if (a.quantity && a.quantity !== same.quantity) (same.extra ??= []).push(a.quantity);
      // The merged activity keeps its further counts (会议4次，参会约400人次).
      for (const q of a.extra ?? []) if (!same.extra?.includes(q)) (same.extra ??= []).push(q);
    }
  }
  return out;
}

/** The longest run of characters two objects share (未成年人检察法治进校园 ~ 检察官法治副校长进校园 → 3). */
function sharedRun(a: string, b: string): number {
  let best = 0;
  for (let i = 0; i < a.length; i++) for (let j = i + best + 1; j <= a.length && b.includes(a.slice(i, j)); j++) best = j - i;
  return best;
}

/** 法院智慧法院信息系统运维 → 智慧法院信息系统: what is worked on, without the unit or the verb. */
function ownTopic(topic: string): string {
  const t = topic.replace(OWN_UNIT, '').replace(/(?:运维|运行维护|维护|服务|宣传)$/, '');
  return t.length >= 2 ? t : topic;
}

function topicOf(name: string): string {
  const n = toHalfWidth(name)
    .replace(/\d{4}\s*年(?:度)?/g, '')
    .replace(/[（(][^）)]*[）)]/g, '')
    .replace(/[“”"'《》【】]/g, '')
    .replace(/\s+/g, '');
  const stripped = stripFillers(n.replace(/(?:专项|工作|业务)?(?:经费|资金|费用|费|补贴费|项目)$/, ''));
  return stripped || stripFillers(n) || n.trim();
}

/**
 * Sub-items listed after 含/包括 … 等 belong to the activity before them, not activities of their own
 * (开展普法宣传，含宪法宣传周、民法典宣传月等主题活动); 购买X服务 names the service bought. Same length
 * kept where counts are read, so offsets stay true.
 */
function prepare(purpose: string): string {
  return purpose
    // 村（居）民: a short aside inside a word, not a clause break.
    .replace(/[（(]([\u4e00-\u9fa5]{1,2})[）)](?=[\u4e00-\u9fa5])/g, '$1')
    .replace(/[，,]?(?:含|包括|包含)[^，,；;。]*?等[^，,；;。]*/g, (m) => '　'.repeat(m.length))
    .replace(/购买((?:(?!坐席|外包|服务)[^，,；;。、]){1,15})服务/g, '购买服务$1')
    // 对办案区、询问室及档案室进行防水、电路维修改造: one activity on the places listed, not three clauses.
    .replace(/对[^，,；;。]{2,40}?(?:进行|开展|实施)[^，,；;。]{0,30}/g, (m) => m.replace(/、/g, '和'))
    // 开展大型活动安保、暴恐事件处置等应急处突演练: the listed scenarios are what is drilled or taught.
    .replace(/(?:[^，,；;。、]{1,6}、)+[^，,；;。、]{1,8}等(?=[\u4e00-\u9fa5]{0,8}(?:演练|培训|轮训|宣讲))/g, (m) => '　'.repeat(m.length));
}

/**
 * A name with no activity word still says what it keeps going: a 系统/平台/网络 is run (operation),
 * 设备/装备 are bought, a 基金 pays awards; anything else is the unit's work of that name.
 */
function fallbackActivity(topic: string, name: string): Activity {
  const base = { verb: '', words: [], clause: name, at: -1 };
  if (/(?:系统|平台|网络|数据库|软件|网|APP|app|小程序)(?:平台)?$/.test(topic.replace(/\s+/g, ''))) return { ...base, kind: 'operation', object: topic };
  if (/(?:设备|装备|器材)$/.test(topic)) return { ...base, kind: 'purchase', object: topic };
  // 诉讼档案数字化加工服务: a service bought, named by what it does.
  if (/服务$/.test(topic) && topic.length > 4) return { ...base, kind: 'service', object: topic.replace(/服务$/, '') };
  if (/基金$/.test(topic)) return { ...base, kind: 'subsidy', object: topic.replace(/基金$/, '') + '人员' };
  return { ...base, kind: 'work', object: topic.endsWith('工作') ? topic : `${topic}工作` };
}

/** The clause around an offset: between the stops before and after it. */
function clauseAround(text: string, index: number): string {
  // 3,600: a comma between digits is a thousands separator, not a stop.
  const stopAt = (k: number) => /[，；;。\n]/.test(text[k]!) || (text[k] === ',' && !(/\d/.test(text[k - 1] ?? '') && /\d/.test(text[k + 1] ?? '')));
  let from = index;
  while (from > 0 && !stopAt(from - 1)) from--;
  let to = index;
  while (to < text.length && !stopAt(to)) to++;
  return text.slice(from, to).replace(/　+/g, '').trim();
}

export function readProject(input: ProjectInput): ProjectReading {
  const name = toHalfWidth(input.name ?? '').trim();
  const purpose = prepare(toHalfWidth(input.purpose ?? '').trim());
  const quantities = findQuantities(purpose).map((q) => ({ ...q, source: clauseAround(purpose, q.index) }));
  let activities = activitiesOf(purpose);
  const fromName = dedupe(activitiesOf(name.replace(/[（(]([^）)]*)[）)]/g, '$1')));
  // The name's activity counts when the purpose names none, or names another kind only.
  for (const a of fromName) {
    // The name's own activity word inside a purpose object (社区矫正中心改造 names 社区矫正): no activity of its own.
    const inside = activities.some((b) => (a.verb ? b.object.includes(a.verb) : a.words.some((w) => b.object.includes(w))));
    // 心理矫治购买服务: that a service is bought says how, once the purpose says what is done.
    // 法治进校园活动 beside 法治副校长进校园宣讲: a weak word of the name on what the purpose already does.
    const how = (a.kind === 'service' && activities.length > 0) || (WEAK.has(a.verb) && activities.some((b) => sharedRun(a.object, b.object) >= 3));
    if (!activities.some((b) => b.kind === a.kind) && !inside && !how) activities.push({ ...a, clause: name, at: -1 });
  }
  const topic = topicOf(name);
  // 按每人每日25元标准保障…伙食，预计全年关押3,600人日: the counts belong to the name's work.
  if (!activities.length && quantities.length) activities = [fallbackActivity(topic, name)];
  attachQuantities(activities, quantities, purpose);
  // 日常运维、故障维修: the repairs are part of keeping it running, not a works project.
  if (activities.some((a) => a.kind === 'operation')) activities = activities.filter((a) => !(a.kind === 'repair' && /^维修/.test(a.verb) && !a.quantity));
  activities = dedupe(activities);
  if (activities.length > 1) activities = activities.filter((a) => a.kind !== 'work');
  // …开展交通文明劝导，用于志愿者服装装备、意外保险及交通误餐补贴: what the money buys for the work
  // described before is its cost, not work of its own.
  const sentence = (a: Activity) => (a.at >= 0 ? clauseAround(purpose, a.at) : '');
  const spending = (a: Activity) => ['insurance', 'subsidy'].includes(a.kind) && /^(?:主要)?用于[^，；。]*、/.test(sentence(a)) && !a.quantity;
  if (activities.some((a) => !spending(a))) activities = activities.filter((a) => !spending(a));
  // 聘请律师担任法律顾问…，提供法律咨询、矛盾化解和法治宣传: what a bought service provides is its content.
  const provided = (a: Activity) => /^提供/.test(sentence(a)) && activities.some((b) => b.at < a.at && ['service', 'staffing'].includes(b.kind));
  activities = activities.filter((a) => !provided(a));
  // …运行维护服务，保障系统稳定运行和矛盾纠纷协同处置: what the work is for, once the work is named.
  const purposeOf = (a: Activity) => a.at > 0 && /^(?:保障|确保)/.test(sentence(a)) && activities.some((b) => b.at >= 0 && b.at < a.at && !/^(?:保障|确保)/.test(sentence(b)));
  activities = activities.filter((a) => !purposeOf(a));
  // 聘请律师参与信访接待、矛盾化解: the lawyers are how the work is done.
  const hired = (a: Activity) => a.kind === 'staffing' && a.verb === '聘请' && /参与/.test(sentence(a)) && activities.some((b) => b !== a && b.kind === 'casework');
  activities = activities.filter((a) => !hired(a));
  // 购买第三方运维服务: an object that is only a word of the trade takes what the name keeps going.
  activities = activities.map((a) => (/^(?:服务|工作|项目|经费|费用|业务|主题)$/.test(a.object) && topic.length >= 2 ? { ...a, object: ownTopic(topic) } : a));
  // Medicines bought for treatment are part of the treatment, not equipment.
  if (activities.some((a) => a.kind === 'medical')) activities = activities.filter((a) => !(a.kind === 'purchase' && /(?:药品|药物|耗材)$/.test(a.object)));
  if (!activities.length) activities = [fallbackActivity(topic, name)];
  return { input, activities: dedupe(activities), quantities, text: `${name}\n${purpose}`, topic };
}
