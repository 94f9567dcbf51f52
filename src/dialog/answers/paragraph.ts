/**
 * One paragraph holding the basics, read without a model: 「我们是大连高新区司法局，申报社区矫正工作经费
 * 20万元，用于社区矫正对象教育帮扶、心理矫治和日常监督管理。」 → 项目名称, 主管部门, 金额, 资金用途.
 * Pure. Only what has a clear cue is taken (a unit ending, a money unit, 用于, a name ending such
 * as 经费/资金); anything doubtful is left for the question, never guessed into a field.
 */
import { normalizeKeep, normalizeText, parseAmounts } from './parse.ts';
import { arabicNumerals } from './numerals.ts';
import { looksLikeUnit } from './units.ts';

export type ParagraphField = 'projectName' | 'department' | 'amounts' | 'fundUse';

/** Where the purpose starts; the keyword stays in the purpose (用于…), 用途是 does not. */
const PURPOSE = /(?:(?:主要|资金|经费|拟|将|全部|钱)?(?=用于|用来|用在)|(?:资金|主要)?用途(?:是|为|[:：]))/;

/** Clause separators as typed (full or half width). */
const CLAUSE = /[，,。；;！!\n]+/;

/** A money figure: a number with a money unit, or after ￥ (digits or Chinese numerals). */
const MONEY_FIGURE = /[￥¥]\s*\d|\d(?:\.\d+)?\s*(?:万元|万|w|元)/i;

/** A money span with its label (实施期…70万, 其中今年35万, 财政拨款30万). */
const MONEY_SPAN =
  /(?:(?:实施期|项目总|总额|总计|总共|一共|共计|共|年度|本年|今年|当年|明年|每年|合计|财政拨款|财政资金|财政|其中|其他资金|自筹资金|自筹|预算|金额)[^\d，,。；;]{0,6}?)?[￥¥]?\s*\d+(?:\.\d+)?\s*(?:万元|万|w|元)?/gi;

/** Endings of project names (…工作经费, …专项资金, …补助). */
const NAME_END = /(?:专项资金|专项经费|工作经费|业务经费|经费|资金|项目|补助|补贴|工程|费用|奖励|基金|运维费|购置费|服务费|建设费)$/;

/** What people put before a name: 今年要申报, 拟申请一笔, 我们做. */
const NAME_LEAD =
  /^(?:今年|明年|本年度|下一年度|\d{4}年(?:度)?)?(?:我们|我单位|我局|我委)?(?:今年|明年)?(?:要|想|拟|计划|准备|需要|打算)?(?:申请|申报|报|做|搞|立|设立|安排)?(?:一个|一笔|一项|了)?(?:项目)?(?:叫|是|为)?/;

const EXPLICIT_NAME = /(?:项目名称|项目名|名称|项目)\s*(?:是|为|叫|[:：])\s*[「“"]?([^，,。；;！!\n」”"]{2,60})/;
const EXPLICIT_UNIT = /(?:主管部门|主管单位|申报单位|部门|单位)\s*(?:是|为|[:：])\s*([^，,。；;！!\n\s]{2,40})/;
const WE_ARE = /^(?:我们|我|我单位|我们单位|本单位)(?:是|系)\s*([^，,。；;！!\n\s]{2,40})$/;
const APPLY = /^(.{2,40}?)(?:申请|申报|拟申请|计划申请|需要|要|准备|想)(.*)$/;

const trimEnd = (s: string): string => s.replace(/[\s。.！!，,；;]+$/, '').trim();

/** The money spans of a clause, as the amount parser reads them; undefined when there is none. */
function moneyOf(clause: string): string | undefined {
  const n = arabicNumerals(normalizeText(clause));
  if (!MONEY_FIGURE.test(n)) return undefined;
  const spans = [...n.matchAll(MONEY_SPAN)].map((m) => m[0].trim()).filter((s) => MONEY_FIGURE.test(s));
  return spans.length ? spans.join('，') : undefined;
}

/** The clause without its money figures (digits or numerals), for the name left in it. */
function withoutMoney(clause: string): string {
  return clause
    .replace(/[￥¥]?\s*[\d.零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+\s*(?:万元|万|w|W|元)/g, '')
    .replace(/(?:共计|总共|一共|合计|预算|金额|资金)?(?:为|是|约|大约|大概|左右)?$/, '')
    .trim();
}

function nameOf(text: string): string | undefined {
  const name = trimEnd(text.replace(NAME_LEAD, '')).replace(/^[「“"]|[」”"]$/g, '');
  if (name.length < 4 || name.length > 60 || !NAME_END.test(name) || looksLikeUnit(name)) return undefined;
  if (!/[\u4e00-\u9fa5]{2}/.test(name)) return undefined;
  return name;
}

/**
 * The basics a paragraph states, as raw answers for the usual checks (applyPaste); undefined
 * unless at least two are found, one of them the amount or the purpose.
 */
export function readParagraph(text: string): Partial<Record<ParagraphField, string>> | undefined {
  // Full-width digits (１５万元) as ASCII; Chinese punctuation stays as typed.
  const t = normalizeKeep(text);
  if (t.length < 12 || t.length > 2000) return undefined;
  const out: Partial<Record<ParagraphField, string>> = {};
  const money: string[] = [];

  let head = t;
  const p = PURPOSE.exec(t);
  if (p) {
    head = t.slice(0, p.index);
    // Clauses after the purpose that are only an amount or a unit belong to them, not to the purpose.
    const tail = t.slice(p.index + p[0].length).split(/(?<=[，,；;。])/);
    while (tail.length > 1) {
      const last = trimEnd(tail[tail.length - 1]!);
      const m = moneyOf(last);
      if (m && withoutMoney(last).replace(/^(?:总共|共|金额|预算|资金)/, '').length <= 4) money.unshift(m);
      else if (looksLikeUnit(last.replace(/^(?:主管部门|单位)(?:是|为|[:：])?/, ''))) out.department ??= last.replace(/^(?:主管部门|单位)(?:是|为|[:：])?/, '');
      else break;
      tail.pop();
    }
    const purpose = trimEnd(tail.join(''));
    if (purpose.length >= 4) out.fundUse = /^(?:用于|用来|用在)/.test(purpose) ? purpose : purpose;
  }

  const rest: string[] = [];
  // Spaces separate parts too (「法律援助专项经费 市法律援助中心 35万」), but not a number from its unit.
  const parts = head.replace(/([\d零一二三四五六七八九十百千万])\s+(?=万|元|w)/gi, '$1').split(CLAUSE).flatMap((c) => c.split(/\s+/));
  for (const raw of parts.map((c) => c.trim()).filter(Boolean)) {
    let clause = raw;
    const m = moneyOf(clause);
    if (m) {
      money.push(m);
      clause = withoutMoney(clause);
    }
    const unit = EXPLICIT_UNIT.exec(clause);
    if (unit && !out.department) {
      out.department = unit[1]!;
      clause = clause.replace(unit[0], '').trim();
    }
    const we = WE_ARE.exec(clause);
    if (we && looksLikeUnit(we[1]!) && !out.department) {
      out.department = we[1]!;
      continue;
    }
    const named = EXPLICIT_NAME.exec(clause);
    if (named && !out.projectName) {
      out.projectName = trimEnd(withoutMoney(named[1]!));
      continue;
    }
    if (looksLikeUnit(clause) && !out.department && !NAME_END.test(clause)) {
      out.department = clause;
      continue;
    }
    // 「某区委政法委申请网格化服务管理工作经费」: the unit, then the name.
    const apply = APPLY.exec(clause);
    if (apply && looksLikeUnit(apply[1]!.replace(/^(?:我们|我)(?:是)?/, '')) && !out.department) {
      out.department = apply[1]!.replace(/^(?:我们|我)(?:是)?/, '');
      clause = apply[2]!.trim();
    }
    const name = nameOf(clause);
    if (name && !out.projectName) {
      out.projectName = name;
      continue;
    }
    // Only a clause that was nothing but itself may be a bare name (see below).
    if (clause && clause === raw) rest.push(clause);
    else if (clause) rest.push('');
  }
  if (money.length) {
    const joined = money.join('，');
    const a = parseAmounts(joined);
    if ('annual' in a) out.amounts = joined;
  }
  // A name without a name ending: the first clause, when nothing else was left unread.
  if (!out.projectName && out.department && rest.length === 1 && /^[\u4e00-\u9fa5（）()]{4,40}$/.test(rest[0]!) && !looksLikeUnit(rest[0]!)) {
    const bare = trimEnd(rest[0]!.replace(NAME_LEAD, ''));
    if (bare.length >= 4) out.projectName = bare;
  }
  const found = Object.keys(out).length;
  if (found < 2 || (!out.amounts && !out.fundUse)) return undefined;
  // In flow order, so that 「已填写：…」 lists them as the questions would have come.
  const ordered: Partial<Record<ParagraphField, string>> = {};
  for (const k of ['projectName', 'department', 'amounts', 'fundUse'] as const) if (out[k]) ordered[k] = out[k];
  return ordered;
}
