/**
 * A message naming several fields by their labels, at any point of the conversation:
 * 「期限2027年全年，金额改成45万，实施单位是区司法局」 → 项目实施期, 金额, 实施单位. Pure.
 * Each clause starts with a field word (项目名称, 主管部门, 实施单位, 期限, 金额, 用途 …), optionally
 * after 把/修改, then a verb (改成, 是, ：…) or the value itself when it is unmistakably one (a pure
 * amount, a year, a unit's name). A clause without a label continues the one before; leading
 * clauses without one answer the question asked. Two fields at least, or it is no such message.
 */
import type { FrameworkId } from '../../domain/framework.ts';
import { FIELD_WORDS } from '../drafts/commands.ts';
import type { EditField } from '../records.ts';
import { intentOf } from './intents.ts';
import { normalizeKeep } from './parse.ts';
import { parsePaste } from './paste.ts';
import { looksLikeUnit } from './units.ts';

export type Fields = Partial<Record<EditField, string>>;

/** Field words, longest first, without the indicator and layout words (those are commands). */
const LABELS = FIELD_WORDS.filter((w): w is [string, EditField] => w[1] !== 'indicators' && w[1] !== 'layout').sort(
  (a, b) => b[0].length - a[0].length,
);

/** Words so common at the start of a sentence (目标是…, 计划开展…) that they label a field only with a change verb. */
const WEAK = new Set(['目标', '计划', '资金', '单位', '名称', '预算']);

const LEAD = /^(?:另外|还有|然后|再|并且|同时)?\s*(?:把|将)?\s*(?:修改|更改)?\s*/;
const CHANGE = /^\s*(?:改成|改为|换成|更正为|修改为|应为|调整为|变成|变为|更新为)\s*[:：]?\s*/;
const STATE = /^\s*(?:[:：]|是|为|写|填)\s*/;

const FIGURE = String.raw`(?:[￥¥]\s*)?[\d.零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟点]+\s*(?:万元|万|w|元)?`;
/** The money words of an amount (实施期70万, 财政拨款30万): part of the amount, not another field. */
const MONEY_WORD = String.raw`(?:实施期|项目总|年度|本年|今年|当年|合计|总额|总金额|总计|共计|财政拨款|财政资金|其他资金|自筹资金|自筹|其中)(?:金额|资金|预算)?\s*(?:为|是|[:：])?\s*`;
const PURE_AMOUNT = new RegExp(`^(?:${MONEY_WORD})?${FIGURE}$`, 'i');
/** A clause that is an amount by its own money word: 实施期金额70万. */
const NAMED_AMOUNT = new RegExp(`^${MONEY_WORD}${FIGURE}$`, 'i');

/** A value written right after its label, with no verb: only what cannot be read otherwise. */
function direct(field: EditField, value: string): boolean {
  switch (field) {
    case 'amounts':
      return PURE_AMOUNT.test(value) && /\d|[一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾佰仟]/.test(value);
    case 'period':
      return /^\d{4}\s*(?:年|[.\-/])/.test(value) && value.length <= 30;
    case 'department':
    case 'implementer':
      return looksLikeUnit(value);
    case 'fundUse':
      return /^(?:主要)?用于/.test(value);
    case 'projectCode':
      return /^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(value);
    default:
      return false;
  }
}

/** The field a clause names and its value, or undefined when it names none. */
function labelled(clause: string): [EditField, string] | undefined {
  const lead = LEAD.exec(clause)![0];
  const body = clause.slice(lead.length);
  if (NAMED_AMOUNT.test(body)) return ['amounts', body];
  for (const [word, field] of LABELS) {
    if (!body.startsWith(word)) continue;
    const rest = body.slice(word.length);
    const change = CHANGE.exec(rest);
    const state = change ? null : STATE.exec(rest);
    const verb = change ?? (WEAK.has(word) ? null : state);
    if (verb) {
      const value = rest.slice(verb[0].length).trim();
      return value ? [field, value] : undefined;
    }
    const value = rest.trim();
    if (!WEAK.has(word) || field === 'amounts') return value && direct(field, value) ? [field, value] : undefined;
    return undefined;
  }
  return undefined;
}

/**
 * The fields a message names, each with its raw answer, in the order written; `asked` is the
 * field the question was about (it takes leading clauses without a label). Undefined unless two
 * fields or more are named.
 */
export function readLabelled(text: string, asked?: EditField): Fields | undefined {
  const t = normalizeKeep(text);
  if (t.length < 6 || t.length > 2000) return undefined;
  // Clauses with the separator that ended each, so that a continued value keeps its punctuation.
  const pieces = [...t.matchAll(/([^，,；;。\n]+)([，,；;。\n]*)/g)].map((m) => ({ text: m[1]!.trim(), sep: m[2]! }));
  let out: Array<[EditField, string]> | undefined = [];
  let labels = 0;
  pieces.forEach((piece, k) => {
    if (!piece.text || out === undefined) return;
    const l = labelled(piece.text);
    const prev = out[out.length - 1];
    // A value's next clause, with the separator typed between them (实施期70万，年度35万).
    const join = (value: string) => (prev![1] = `${prev![1]}${pieces[k - 1]!.sep.trim().charAt(0) || '，'}${value}`);
    if (l) {
      labels++;
      if (prev?.[0] === l[0]) join(l[1]);
      else out.push(l);
    } else if (intentOf(piece.text) !== 'answer') {
      // 「…，谢谢」: a closing word belongs to no value.
    } else if (prev) join(piece.text);
    else if (asked) out.push([asked, piece.text]);
    else out = undefined;
  });
  if (!out) return undefined;
  const fields: Fields = {};
  for (const [f, v] of out) fields[f] = v.replace(/[。；;，,\s]+$/, '');
  if (labels === 0 || Object.keys(fields).length < 2) return undefined;
  return fields;
}

/**
 * Several labelled fields, unless the message is a paste that reads as well (line by line
 * 字段：值 blocks and indicator rows are the paste reader's).
 */
export function readSeveral(text: string, framework: FrameworkId, asked?: EditField): Fields | undefined {
  const fields = readLabelled(text, asked);
  if (!fields) return undefined;
  const paste = parsePaste(text, framework);
  if (paste && (paste.indicators.length > 0 || Object.keys(paste.fields).length >= Object.keys(fields).length)) return undefined;
  return fields;
}
