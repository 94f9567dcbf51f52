/**
 * The cells of one row read against each other, and the words that leave a reviewer's question open:
 * a value the row's own description contradicts, a ≥/≤ the wrong way round for what is rated, a 时效
 * row with no time in it, a satisfaction that says nobody's.
 */
import { squeeze } from '../domain/text.ts';
import { finding } from './catalogue.ts';
import { exampleDeadline, type Context } from './context.ts';
import { escapeRegExp, textOf } from './input.ts';
import { rowsOf, type RowView } from './rows.ts';
import type { Finding, Fix } from './types.ts';

const field = (r: RowView, key: string) => `indicators.${r.i}.${key}`;
const replace = (r: RowView, value: string): Fix => ({ kind: 'replace-value', indicator: r.i, value, label: `改为 ${value}` });

/**
 * The figures a text states in `unit` (`不少于12场` → 12), leaving out those said per month or per
 * session (每月2场): a yearly value may be their multiple.
 */
function statedFigures(text: string, unit: string): number[] {
  const re = new RegExp(`(?<![\\d.])(\\d[\\d,]*(?:\\.\\d+)?)\\s*${escapeRegExp(unit)}`, 'gu');
  return [...text.matchAll(re)].filter((m) => !/每.{0,3}$/u.test(text.slice(Math.max(0, m.index - 5), m.index))).map((m) => Number(m[1]!.replace(/,/g, '')));
}

function checkDescription(out: Finding[], r: RowView): void {
  const v = r.v;
  if (!r.description || v.kind !== 'quantitative' || v.value === undefined || !v.unit || v.unit.includes('/')) return;
  const figures = statedFigures(r.description, v.unit);
  if (!figures.length || figures.some((f) => Math.abs(f - v.value!) < 1e-9)) return;
  out.push(
    finding(
      'indicator.value-contradicts-description',
      field(r, 'value'),
      `${r.label}的指标值“${r.value}”与描述中的“${figures[0]}${v.unit}”不一致。请核对后统一，描述和指标值写同一个数。`,
      r.i,
    ),
  );
}

/** Rates that should be high (a floor, ≥) and rates of things that should not happen (a ceiling, ≤). */
const HIGH_RATE = /(?:合格|完成|覆盖|知晓|及时|准确|达标|办结|结案|成功|受理|满意|参与|到位|正确|完好|在线|化解|规范|完整|执行|响应|采纳|认可|出勤|通过)率$|满意度$/;
const LOW_RATE = /(?:差错|错误|投诉|故障|再犯罪|重新犯罪|发案|发生|失误|脱管|漏管|返工|事故|超期|延误|误报|复发|不合格|重复信访)率$/;

function checkDirection(out: Finding[], r: RowView): void {
  const v = r.v;
  // Outside 0–100 the percentage is wrong whatever its direction: indicator.percent-range says so.
  if (v.kind !== 'quantitative' || v.unit !== '%' || v.value === undefined || v.value > 100 || v.value < 0 || r.isCost) return;
  const name = squeeze(r.name);
  const wrong = HIGH_RATE.test(name) && (v.op === '≤' || v.op === '<') ? '≥' : LOW_RATE.test(name) && (v.op === '≥' || v.op === '>') ? '≤' : undefined;
  if (!wrong) return;
  // ≤100% on a rate to be high is =100% (≥100% is unreachable), ≥0% on one to be low is =0%.
  const bound = (wrong === '≥' && v.value === 100) || (wrong === '≤' && v.value === 0) ? '=' : wrong;
  const value = `${bound}${r.value.replace(/^\s*[≤≥<>＜＞]=?\s*/, '')}`;
  const what = wrong === '≥' ? '越高越好，应写下限' : '越低越好，应写上限';
  out.push(
    finding('indicator.direction', field(r, 'value'), `${r.label}${what}，“${r.value}”的方向写反了。请改为：${value}。`, r.i, replace(r, value)),
  );
}

/** A 时效 value that names a time: a date, a span, a rate of things done in time, or a rule that sets it. */
const TIMELY = /\d|[一二三四五六七八九十两]+(?:个)?(?:工作日|日|天|月|周|小时)|按规定|按照规定|规定时[间限]|当[天日]|即时|实时/;
/** A name that asks for a date (项目完成时间): the end of the period answers it. */
const DATE_NAME = /(?:时间|日期|时限|期限)$/;

function checkTimeliness(out: Finding[], r: RowView, ctx: Context): void {
  if (r.level2 !== '时效指标' || TIMELY.test(r.value)) return;
  const deadline = exampleDeadline(ctx);
  const fix = DATE_NAME.test(r.name) ? replace(r, deadline) : undefined;
  out.push(
    finding(
      'timeliness.no-deadline',
      field(r, 'value'),
      `${r.label}是时效指标，“${r.value}”却没有写时限，无法考核是否按时。请写完成时间或时限，例如：${deadline}，或≤5个工作日。`,
      r.i,
      fix,
    ),
  );
}

/** 满意度 with nobody named: whose satisfaction is to be surveyed? */
const SUBJECTLESS = /^(?:服务对象|对象|综合|总体|整体|社会|公众)?满意[度率](?:指标)?$/;
/** People a purpose may name, for an example subject that fits the project. */
const PEOPLE = /社区矫正对象|安置帮教对象|受援人|当事人|参训人员|网格员|监护人|患者家属|师生|学员|律师|群众|使用单位|企业|来访群众|信访群众/;

/** A description that says whose satisfaction it is (使用人员满意度, 群众对…的满意度). */
const SUBJECT_IN_TEXT = /(?:人员|群众|对象|单位|部门|用户|学员|当事人|家属|律师|师生|企业)[^，。；]{0,8}满意/;

function checkSubject(out: Finding[], r: RowView, ctx: Context): void {
  if (!r.isSatisfaction || !SUBJECTLESS.test(squeeze(r.name)) || SUBJECT_IN_TEXT.test(r.description ?? '')) return;
  const who = PEOPLE.exec(`${textOf(ctx.t.fundUse) ?? ''}${textOf(ctx.t.projectName) ?? ''}`)?.[0];
  out.push(
    finding(
      'satisfaction.no-subject',
      field(r, 'name'),
      `${r.label}没有写明是谁的满意度，无法确定调查对象。请写明服务对象，例如：${who ?? '受援群众'}满意度。`,
      r.i,
    ),
  );
}

export function checkAgreement(ctx: Context): Finding[] {
  const out: Finding[] = [];
  for (const r of rowsOf(ctx)) {
    checkDescription(out, r);
    checkDirection(out, r);
    checkTimeliness(out, r, ctx);
    checkSubject(out, r, ctx);
  }
  return out;
}
