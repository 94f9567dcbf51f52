/** 绩效目标: present (checked with the text fields), and not the project name or the fund use again. */
import { findQuantities } from '../compose/numbers.ts';
import { squeeze, toHalfWidth } from '../domain/text.ts';
import { parseValue } from '../domain/value.ts';
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { charLength, comparable, isRecord, list, record, textOf } from './input.ts';
import type { Finding } from './types.ts';
import type { Library } from '../library/types.ts';
import { GENERIC_BIGRAMS } from './rows.ts';

const TARGETS = [
  ['period', '实施期目标'],
  ['annual', '年度目标'],
] as const;

const EXAMPLE = '全年开展法律咨询不少于200次，案件办结率达到95%以上，群众满意度达到90%以上';

/** Words every target may contain; a target made of nothing else says nothing about this project. */
const GENERIC = [
  '进一步', '保障', '确保', '业务', '工作', '顺利', '正常', '开展', '促进', '推进', '推动', '区域', '全区', '全县', '全市', '发展', '维护', '社会',
  '稳定', '和谐', '安全', '平安', '提升', '提高', '有效', '得到', '能力', '水平', '治理', '各项', '加强', '积极', '营造', '良好', '氛围', '持续',
  '健康', '秩序', '大局', '政治', '效能', '质量', '服务', '完成', '任务', '按计划', '计划', '要求', '目标', '实现', '有力', '不断', '全面', '和', '的',
  '及', '与', '为', '了', '更加', '更好', '总体',
].sort((a, b) => b.length - a.length);
const GENERIC_RE = new RegExp(GENERIC.join('|'), 'g');

function isBoilerplate(text: string): boolean {
  const t = toHalfWidth(text);
  if (/\d/.test(t)) return false;
  const rest = t.replace(/[\p{P}\p{S}\s]/gu, '').replace(GENERIC_RE, '');
  return charLength(rest) <= 2;
}

/** Numbers the indicators promise, for telling whether a target's figure is measured. */
function measuredNumbers(ctx: Context): number[] | undefined {
  let items: unknown[];
  try {
    items = list(ctx.t.indicators);
  } catch {
    return undefined; // an unreadable list is the indicators group's finding
  }
  return items.flatMap((item) => {
    if (!isRecord(item) || typeof item.value !== 'string') return [];
    const v = parseValue(item.value);
    return v.kind === 'quantitative' && v.value !== undefined ? [v.value, ...(v.parts ?? []).map((p) => p.value)] : [];
  });
}

/** The indicator values as written, squeezed: a target figure one of them states word for word is measured (每月1期). */
function valueTexts(ctx: Context): string[] {
  let items: unknown[];
  try {
    items = list(ctx.t.indicators);
  } catch {
    return [];
  }
  return items.flatMap((item) => (isRecord(item) && typeof item.value === 'string' ? [squeeze(toHalfWidth(item.value))] : []));
}

/** The first figure a target promises (`不少于200次`, `90%以上`) that no indicator value states. */
function unmeasured(text: string, measured: number[], values: string[]): string | undefined {
  const t = toHalfWidth(text);
  const figures = [
    ...findQuantities(t)
      .filter((q) => /\d/.test(q.text)) // 二期, 一条街: names, not promises
      .map((q) => ({ value: q.value, text: q.text })),
    // Rates promised as such (满意度达到90%), not shares of a payment (支付价款的3%).
    ...[...t.matchAll(/[率度][^，。；,;]{0,6}?(\d+(?:\.\d+)?)\s*%/g)].map((m) => ({ value: Number(m[1]), text: `${m[1]}%` })),
  ];
  return figures.find((f) => !measured.some((n) => Math.abs(n - f.value) < 1e-9) && !values.some((v) => v.includes(squeeze(f.text))))?.text;
}

/** A target's sentences in comparable form, long enough to be copied rather than merely alike. */
function sentences(text: string): string[] {
  return toHalfWidth(text)
    .split(/[。；;！!？?\n]|(?:^|\s)\d+[.、)]|[(（]\d+[)）]/)
    .map(comparable)
    .filter((x) => charLength(x) >= 12);
}

/** A project's name without its year, so that last year's table of the same project is its own. */
const nameKey = (name: string) => comparable(name.replace(/20\d{2}\s*年?度?/g, ''));

interface LibrarySentence {
  sentence: string;
  name: string;
}

const SENTENCES = new WeakMap<Library, Map<string, LibrarySentence[]>>();

function librarySentences(library: Library): Map<string, LibrarySentence[]> {
  let index = SENTENCES.get(library);
  if (index) return index;
  index = new Map();
  for (const p of library.projects) {
    for (const goal of p.goals ?? []) {
      for (const sentence of new Set(sentences(goal))) {
        const list = index.get(sentence) ?? [];
        if (!list.some((x) => x.name === p.name)) list.push({ sentence, name: p.name });
        index.set(sentence, list);
      }
    }
  }
  SENTENCES.set(library, index);
  return index;
}

/**
 * A target sentence that is word for word a library table's target, where that table is another
 * project: the sentence names what the other project pays for (a word of its name) and this
 * project's name and purpose never do (律师代理费 with 法律顾问费's 「购买法律顾问咨询服务…」).
 */
function copiedFrom(ctx: Context, text: string): { sentence: string; name: string } | undefined {
  if (!ctx.library) return undefined;
  const name = textOf(ctx.t.projectName);
  if (!name) return undefined;
  const own = nameKey(name);
  const ownText = comparable([name, textOf(ctx.t.fundUse) ?? ''].join(''));
  const index = librarySentences(ctx.library);
  for (const sentence of sentences(text)) {
    for (const e of index.get(sentence) ?? []) {
      const key = nameKey(e.name);
      if (key === own) continue;
      for (let k = 0; k + 2 <= key.length; k++) {
        const w = key.slice(k, k + 2);
        if (/^\p{Script=Han}{2}$/u.test(w) && !GENERIC_BIGRAMS.has(w) && sentence.includes(w) && !ownText.includes(w)) return e;
      }
    }
  }
  return undefined;
}

export function checkTargets(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const targets = record(ctx.t.targets);
  const name = textOf(ctx.t.projectName);
  const fundUse = textOf(ctx.t.fundUse);
  const measured = measuredNumbers(ctx);
  for (const [key, label] of TARGETS) {
    const text = textOf(targets[key]);
    if (!text) continue;
    const c = comparable(text);
    const field = `targets.${key}`;
    if (name && c === comparable(name)) {
      out.push(finding('targets.repeats-name', field, `${label}只是重复了项目名称。请写明要完成什么、达到什么效果，例如：${EXAMPLE}。`));
    } else if (fundUse && c === comparable(fundUse)) {
      out.push(finding('targets.repeats-fund-use', field, `${label}与资金用途相同。建议写明产出和效果，例如：${EXAMPLE}。`));
    } else if (charLength(c) < 8) {
      out.push(finding('targets.too-short', field, `${label}过于简单。建议写明产出数量、质量和效果，例如：${EXAMPLE}。`));
    } else if (isBoilerplate(text)) {
      out.push(finding('targets.boilerplate', field, `${label}只有套话，没说本项目做什么。请写明本项目的产出和效果，例如：${EXAMPLE}。`));
    } else if (copiedFrom(ctx, text)) {
      const e = copiedFrom(ctx, text)!;
      out.push(
        finding('targets.copied', field, `${label}中“${e.sentence.slice(0, 16)}…”一句与模板库中「${e.name.length > 24 ? `${e.name.slice(0, 24)}…` : e.name}」的目标一字不差，写的是那个项目的事。请按本项目的产出和效果改写，例如：${EXAMPLE}。`),
      );
    } else {
      const missing = measured && text.length <= 1500 ? unmeasured(text, measured, valueTexts(ctx)) : undefined;
      if (missing) {
        out.push(finding('targets.unmeasured', field, `${label}承诺了“${missing}”，但没有指标衡量它。请添加一条衡量它的指标（例如指标值“≥${missing.replace(/^\D*/, '')}”），或改写目标。`));
      }
    }
  }
  return out;
}
