/**
 * What a reviewer sees by reading the rows against the project: rows that belong to another project
 * or place, 效益 rows that say nothing or restate outputs, a 生态 row where nothing is ecological,
 * a satisfaction floor nobody believes, near-duplicates, and a name whose year is not the table's.
 */
import { FOREIGN_TERMS, SECRET } from '../compose/lexicon.ts';
import { squeeze, toHalfWidth } from '../domain/text.ts';
import { dice } from '../library/similarity.ts';
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { isRecord, quote, textOf } from './input.ts';
import { rowsOf, projectText, type RowView } from './rows.ts';
import type { Finding, Fix } from './types.ts';

const del = (r: RowView): Fix => ({ kind: 'delete-row', indicator: r.i, label: `删除第${r.i + 1}条` });

/** 效益 values that promise nothing measurable. */
const EMPTY_EFFECT = /^(?:正面支撑|有力支撑|支撑|有力保障|有效保障|完全保障|基本保障|保障|正面影响|积极影响|是|稳定|提高|优秀|良好|高)$/;
const ECOLOGICAL = /生态|环境|环保|节能|能耗|绿色|低碳|碳排放|污染|排放|无纸化|节约用纸|节水|节电|垃圾|绿化/;
/** 环境 and 生态 in words that are not about nature: 法治环境, 营商环境, 生态安全 as one of the national-security fields. */
const NOT_ECOLOGICAL = /(?:法治|营商|社会|治安|安全|发展|生活|网络|舆论|稳定|和谐|政务|办公|工作|文化|投资|服务|学习|平安|执法|司法|经济|政治|育人|成长|家庭|校园)环境|生态安全/g;
const isEcological = (text: string) => ECOLOGICAL.test(text.replace(NOT_ECOLOGICAL, ''));
/** Names that count or rate outputs; under 效益 they restate the 产出 rows. */
const OUTPUT_NAME = /(?:完成率|受理率|办结率|结案率|覆盖率|参保率|公开率|发放率|执行率|到位率|接收率|完成情况|次数|人数|数量|场次|件数)$/;
const COUNT_UNIT = /^(?:人|人次|名|场|次|期|件|宗|个|台|套|部|份|册)$/;
/** Concrete objects an indicator may name; when the project never mentions one, the row is foreign. */
const OBJECTS: ReadonlyArray<readonly [string, RegExp]> = [
  ['车辆', /车/],
  ['手机', /手机|终端|APP|app|通讯|通信/],
  ['记录仪', /记录仪|执法装备|装备/],
  ['服务器', /服务器|机房|信息化|系统|平台/],
  ['打印机', /打印|办公设备/],
  ['电脑', /电脑|计算机|办公设备/],
  ['摄像', /摄像|监控|视频|雪亮/],
  ['书籍', /书|读本|图书/],
  ['报刊', /报刊|报纸|杂志|订阅/],
  ['保安', /保安|物业|安保/],
  ['保洁', /保洁|物业/],
  ['取暖', /取暖|供暖|暖气/],
  ['供暖', /取暖|供暖|暖气/],
];

function field(r: RowView, key: string): string {
  return `indicators.${r.i}.${key}`;
}

function checkEffects(out: Finding[], rows: RowView[], ctx: Context, text: string): void {
  const outputs = rows.filter((r) => r.level1 === '产出指标');
  for (const r of rows.filter((x) => x.isEffect)) {
    const compact = squeeze(r.value).replace(/[。.!！]+$/, '');
    if (r.level2 === '生态效益指标' && !isEcological(text)) {
      out.push(finding('effect.eco-irrelevant', field(r, 'name'), `${r.label}是生态效益指标，但本项目不涉及生态环境。生态效益不是必填项，请删除该行。`, r.i, del(r)));
      continue;
    }
    if (EMPTY_EFFECT.test(compact)) {
      out.push(finding('effect.empty-phrase', field(r, 'value'), `${r.label}的指标值“${r.value}”只是表态，无法考核效果。请写可衡量的结果，例如：群众安全感≥90%，或较上年提升5%。`, r.i));
      continue;
    }
    // A ceiling on bad events (故障影响业务次数 ≤2次, 肇事肇祸案件数 =0件) is an effect, not work done.
    const ceiling = r.v.kind === 'quantitative' && (r.v.op === '≤' || r.v.op === '<' || r.v.value === 0);
    const countValue = r.v.kind === 'quantitative' && COUNT_UNIT.test(r.v.unit ?? '');
    const sameAsOutput = outputs.some((o) => dice(o.name, r.name) >= 0.8);
    if (!ceiling && (OUTPUT_NAME.test(r.name) || countValue || sameAsOutput)) {
      out.push(
        finding('effect.restates-output', field(r, 'name'), `${r.label}计量的是完成了多少工作，属于产出，不是效益。请移到产出指标，或改写为项目带来的效果，例如：群众法治意识提升率≥10%。`, r.i),
      );
    }
  }
  if (rows.some((r) => r.isEffect) && !rows.some((r) => r.level2 === '社会效益指标')) {
    out.push(finding('effect.social-missing', 'indicators', '效益指标中没有社会效益指标。政法项目的效益主要是社会效益，请添加一条，例如：社会效益指标“群众安全感 ≥90%”。'));
  }
}

function checkSatisfaction(out: Finding[], rows: RowView[]): void {
  for (const r of rows.filter((x) => x.isSatisfaction)) {
    const v = r.v;
    if (v.kind !== 'quantitative' || v.unit !== '%' || v.value === undefined || v.op === '≤' || v.op === '<') continue;
    if (v.value >= 80 || v.value < 0) continue;
    out.push(
      finding('satisfaction.low', field(r, 'value'), `${r.label}的目标“${r.value}”过低，评审通常要求不低于85%–90%。请改为例如：≥90%。`, r.i, {
        kind: 'replace-value',
        indicator: r.i,
        value: '≥90%',
        label: '改为 ≥90%',
      }),
    );
  }
}

function checkNearDuplicates(out: Finding[], rows: RowView[]): void {
  // 「（第二阶段）」 and the like do not make a second indicator.
  const key = (s: string) => squeeze(toHalfWidth(s)).replace(/[(（][^)）]*[)）]/g, '').replace(/[\p{P}\p{S}]/gu, '');
  rows.forEach((r, k) => {
    const same = (o: RowView) => squeeze(o.name) === squeeze(r.name); // indicator.duplicate-name says it
    // Under another 二级 the same thing twice also holds the same value (案件办理数量 ≥700件 in 数量 and in 质量).
    const sameSlot = (o: RowView) => o.level2 === r.level2 || squeeze(o.value) === squeeze(r.value);
    const twin = rows.slice(0, k).find((o) => sameSlot(o) && !same(o) && dice(key(o.name), key(r.name)) >= 0.8);
    if (!twin) return;
    out.push(
      finding('indicator.near-duplicate', field(r, 'name'), `${r.label}与第${twin.i + 1}条“${quote(twin.name)}”几乎相同，重复考核同一件事。请合并为一条，或删除本条。`, r.i, del(r)),
    );
  });
}

/** Objects named by a row that the project never mentions: probably copied from another project. */
function checkUnrelated(out: Finding[], rows: RowView[], text: string, ctx: Context): void {
  if (!textOf(ctx.t.fundUse)) return; // without a purpose there is nothing to compare with
  for (const r of rows) {
    const hit = OBJECTS.find(([noun, own]) => r.name.includes(noun) && !own.test(text) && !text.includes(noun));
    if (!hit) continue;
    out.push(
      finding('indicator.unrelated', field(r, 'name'), `${r.label}考核的“${hit[0]}”在项目名称、资金用途和目标中都没有出现，可能来自其他项目。请删除该行，或在资金用途中写明这项支出。`, r.i, del(r)),
    );
  }
}

/** The unit's own words: a term found there is its own place, not a foreign one. */
function ownWords(ctx: Context): string {
  return [textOf(ctx.t.department), textOf(ctx.t.implementer), textOf(ctx.t.projectName), textOf(ctx.t.fundUse)].filter(Boolean).join('\n');
}

function inOrder(short: string, long: string): boolean {
  let at = 0;
  for (const c of short) {
    at = long.indexOf(c, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

function isOwn(term: string, own: string): boolean {
  const place = term.replace(/^平安/, ''); // 平安大连 is the own city's campaign for a 大连 unit
  if (own.includes(place) || inOrder(place, own)) return true;
  // A development zone (高新区, 开发区) is run by its 管委会.
  return /^管委/.test(term) && /(?:园区|开发区|高新区|经开区|新区)/.test(own);
}

/** Where a text may speak of another place or of secrets: descriptions, 依据, names, targets. */
function placesToRead(ctx: Context, rows: RowView[]): Array<{ field: string; text: string; label: string; indicator?: number }> {
  const targets = isRecord(ctx.t.targets) ? ctx.t.targets : {};
  const out: Array<{ field: string; text: string; label: string; indicator?: number }> = [];
  for (const [key, label] of [['period', '实施期目标'], ['annual', '年度目标']] as const) {
    const text = textOf(targets[key]);
    if (text) out.push({ field: `targets.${key}`, text, label });
  }
  for (const r of rows) {
    out.push({ field: field(r, 'name'), text: r.name, label: r.label, indicator: r.i });
    if (r.description) out.push({ field: field(r, 'description'), text: r.description, label: `${r.label}的描述`, indicator: r.i });
    if (r.basis) out.push({ field: field(r, 'basis'), text: r.basis, label: `${r.label}的依据`, indicator: r.i });
  }
  return out;
}

function checkPlaces(out: Finding[], rows: RowView[], ctx: Context): void {
  const places = placesToRead(ctx, rows);
  const known = textOf(ctx.t.department) || textOf(ctx.t.implementer);
  const own = ownWords(ctx);
  const flagged = new Set<number | string>();
  if (known) {
    for (const p of places) {
      const term = FOREIGN_TERMS.find((w) => p.text.includes(w) && !isOwn(w, own));
      const key = p.indicator ?? p.field;
      if (!term || flagged.has(key)) continue;
      flagged.add(key);
      out.push(finding('text.foreign-locality', p.field, `${p.label}出现“${term}”，不是本单位的地区或机构，可能照抄了其他地方的表格。请改为本单位的表述。`, p.indicator));
    }
  }
  const fundUse = textOf(ctx.t.fundUse);
  const secret = [...places, ...(fundUse ? [{ field: 'fundUse', text: fundUse, label: '资金用途' }] : [])].find((p) => p.text.includes(SECRET));
  if (secret) {
    out.push(finding('text.classified', secret.field, `${secret.label}写有“涉密”。绩效目标表要公开，请改写为可公开的依据，例如：依据年度工作计划。`, 'indicator' in secret ? secret.indicator : undefined));
  }
}

/** Years the name states outside a document number (〔2022〕, [2023], 【2023】 are file numbers). */
function nameYears(name: string): number[] {
  const plain = toHalfWidth(name).replace(/[〔【[(（][^〕】\])）]*[〕】\])）]/g, '');
  return [...plain.matchAll(/(?<!\d)(20\d{2})(?=年)/g)].map((m) => Number(m[1]));
}

function checkNameYear(out: Finding[], ctx: Context): void {
  const name = textOf(ctx.t.projectName);
  if (!name) return;
  const years = nameYears(name);
  if (!years.length) return;
  const year = typeof ctx.t.year === 'number' ? ctx.t.year : undefined;
  const p = ctx.period;
  const fits = (y: number) => y === year || (p !== undefined && y >= p.start.year && y <= p.end.year);
  if (year === undefined && !p) return;
  if (years.some(fits)) return;
  const want = year ?? p!.start.year;
  out.push(
    finding('name.year-mismatch', 'projectName', `项目名称写的是${years[0]}年，而预算年度${year !== undefined ? `是${year}年` : `和实施期是${p!.start.year}年`}，可能沿用了旧表。请改为${want}年，或核对预算年度。`),
  );
}

export function checkMeaning(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const rows = rowsOf(ctx);
  const text = projectText(ctx);
  checkNameYear(out, ctx);
  checkEffects(out, rows, ctx, text);
  checkSatisfaction(out, rows);
  checkNearDuplicates(out, rows);
  checkUnrelated(out, rows, text, ctx);
  checkPlaces(out, rows, ctx);
  return out;
}
