/**
 * The composer judged as a 财政局 reviewer would, on our own cases and an independent reviewer's
 * (bench/cases/compose.ts), and by
 * leave-one-out over the library. Per case and in total:
 * - foreign: rows whose name or description carries a concrete object that the library's rows use
 *   but the project's name and purpose do not mention. Concrete objects are the nouns (jieba) of the
 *   library's indicator names and descriptions, less the measurement vocabulary of src/compose/
 *   objects.ts (the literal words of our patterns, what a trigger implies: 法律援助 → 受援人, roles).
 * - locality: rows naming another locality, body or document of the samples, or 涉密.
 * - stated: every count the purpose states appears in a value.
 * - unit cost: with a count of what the money buys (not of recipients), the cost row is amount /
 *   count within rounding; counts in one unit may be summed (6台 + 3台), and goods in several units
 *   (320台 + 14套) may be divided by what they all go to (14个派出所), since no price split is known;
 *   with nothing they all go to (8套 + 20台) the criterion does not apply.
 * - categories: 数量, 质量, 时效, 成本, 效益, 满意度 all present.
 * - flagged: rows our own rules flag (any severity), on the table as the dialog would generate it.
 * Leave-one-out: each library project composed from its name, purpose and amount, compared with its
 * real rows (same 二级 and a name equal or with bigram Dice ≥ 0.6) against two baselines: (A) the
 * most frequent names per 二级, as many per 二级 as ours; (B) the rows of the nearest-named project.
 */
import { BLIND_CASES, COMPOSE_CASES, REVIEWER2_CASES, REVIEWER3_CASES, REVIEWER4_CASES, REVIEWER_CASES, type ComposeCase } from './cases/compose.ts';
import { compose, type Composition } from '../src/compose/index.ts';
import { FOREIGN_TERMS, SECRET } from '../src/compose/lexicon.ts';
import { concreteObjects, foreignObjects, ownWords } from '../src/compose/objects.ts';
import { effectiveTable } from '../src/dialog/drafts/defaults.ts';
import { DraftTableSchema, type Indicator } from '../src/domain/draft.ts';
import { parseValue } from '../src/domain/value.ts';
import { loadLibrary } from '../src/library/load.ts';
import { usableValue } from '../src/library/quality.ts';
import { dice, sameIndicatorName } from '../src/library/similarity.ts';
import type { Library, LibraryProject } from '../src/library/types.ts';
import { checkTable } from '../src/rules/index.ts';

const YEAR = 2027;
interface CaseResult {
  rows: number;
  foreign: string[];
  locality: string[];
  statedOk: boolean;
  unitCostOk: boolean | undefined;
  categoriesOk: boolean;
  flagged: string[];
}

const REQUIRED: Array<[string, (i: Indicator) => boolean]> = [
  ['数量', (i) => i.level2 === '数量指标'],
  ['质量', (i) => i.level2 === '质量指标'],
  ['时效', (i) => i.level2 === '时效指标'],
  ['成本', (i) => i.level2.includes('成本')],
  ['效益', (i) => i.level1.includes('效益')],
  ['满意度', (i) => i.level2.includes('满意度')],
];

function judge(c: ComposeCase, comp: Composition, libraryObjects: Set<string>): CaseResult {
  const text = `${c.name}${c.purpose}`;
  const foreign: string[] = [];
  const locality: string[] = [];
  for (const i of comp.indicators) {
    const words = foreignObjects(`${i.name}，${i.description ?? ''}`, ownWords(text)).filter((w) => libraryObjects.has(w));
    if (words.length) foreign.push(`${i.name}（${words.join('、')}）`);
    const all = `${i.name}${i.description ?? ''}${i.basis ?? ''}`;
    const bad = [...FOREIGN_TERMS, SECRET].filter((t) => all.includes(t) && !text.includes(t));
    if (bad.length) locality.push(`${i.name}（${bad.join('、')}）`);
  }
  const values = comp.indicators.map((i) => i.value.replace(/\s/g, ''));
  // 1,200平方米 is written 1200平方米 in a value.
  const stated = c.stated.map((s) => s.replace(/(\d),(?=\d{3})/g, '$1'));
  const statedOk = stated.every((s) => values.some((v) => v.includes(s)));
  const cost = comp.indicators.find((i) => i.level2.includes('成本'));
  let unitCostOk: boolean | undefined;
  const divisible = stated.filter((s) => !c.recipients?.includes(s));
  if (divisible.length) {
    const v = cost ? parseValue(cost.value) : undefined;
    const yuan = v?.value === undefined ? NaN : v.unit?.startsWith('万元') ? v.value * 10000 : v.value;
    const parse = (s: string) => ({ n: Number(/^[\d.]+/.exec(s)?.[0]), unit: s.replace(/^[\d.]+/, '') });
    const goods = divisible.map(parse);
    const candidates = goods.map((g) => g.n);
    // Things counted in one unit add up (安检门6台、X光机3台 → 9台); things in several units have no
    // common count, so only what they all go to (14个派出所) divides the budget.
    if (goods.length > 1 && goods.every((g) => g.unit === goods[0]!.unit)) candidates.push(goods.reduce((t, g) => t + g.n, 0));
    const things = goods.filter((g) => /^(?:台|套|辆|部|块|架|批|组)$/.test(g.unit));
    const mixed = new Set(things.map((g) => g.unit)).size > 1;
    if (mixed) candidates.push(...(c.recipients ?? []).map((r) => parse(r).n));
    // Goods in several units with nothing they all go to: no count divides the budget; a ceiling is right.
    unitCostOk = mixed && !c.recipients?.length ? undefined : !!v?.unit?.includes('/') && candidates.some((q) => Math.abs(yuan - (c.amount * 10000) / q) <= Math.max(1, yuan * 0.01));
  }
  const categoriesOk = REQUIRED.every(([, f]) => comp.indicators.some(f));
  const table = DraftTableSchema.parse({
    year: YEAR,
    projectName: c.name,
    department: c.unit,
    period: `${YEAR}年1月至${YEAR}年12月`,
    amounts: { unit: '万元', annual: { total: c.amount, fiscal: c.amount, other: 0 }, period: { total: c.amount, fiscal: c.amount, other: 0 } },
    fundUse: c.purpose,
    indicators: comp.indicators,
  });
  const full = effectiveTable(table, new Date(`${YEAR - 1}-12-01`)).table;
  const flagged = checkTable(full)
    .filter((f) => f.field.startsWith('indicators') || f.field.startsWith('targets') || typeof f.indicator === 'number')
    .map((f) => `${f.severity === 'error' ? '✗' : '△'} ${f.code}: ${f.message}`);
  return { rows: comp.indicators.length, foreign, locality, statedOk, unitCostOk, categoriesOk, flagged };
}

interface Named {
  level2: string;
  name: string;
}
const level2Of = (i: { level1: string; level2: string }) => (i.level1 === '成本指标' || i.level2.includes('成本') ? '成本指标' : i.level2);

function score(suggested: Named[], real: Named[]): number {
  const hit = (a: Named, b: Named) => a.level2 === b.level2 && sameIndicatorName(a.name, b.name);
  return real.length ? real.filter((r) => suggested.some((s) => hit(s, r))).length / real.length : 0;
}

function mostFrequent(library: Library, quotas: Map<string, number>): Named[] {
  const counts = new Map<string, { ind: Named; n: number }[]>();
  for (const p of library.projects)
    for (const i of p.indicators) {
      if (usableValue(i) === undefined) continue;
      const l2 = level2Of(i);
      const list = counts.get(l2) ?? [];
      const same = list.find((x) => sameIndicatorName(x.ind.name, i.name));
      if (same) same.n++;
      else list.push({ ind: { level2: l2, name: i.name }, n: 1 });
      counts.set(l2, list);
    }
  return [...quotas].flatMap(([l2, q]) => (counts.get(l2) ?? []).sort((a, b) => b.n - a.n).slice(0, q).map((x) => x.ind));
}

function nearestByName(library: Library, name: string): Named[] {
  let best: LibraryProject | undefined;
  let bestScore = -1;
  for (const p of library.projects) {
    const s = dice(p.name, name);
    if (s > bestScore) [best, bestScore] = [p, s];
  }
  return (best?.indicators ?? []).map((i) => ({ level2: level2Of(i), name: i.name }));
}

/**
 * `usableOnly`: compare only with the real rows a reviewer would accept at all (library/quality:
 * a value that is a measure, not 「区级财政投入 / 0.2万」 or 「全年期限内」), since reproducing a row the
 * 财政局 returns is no merit.
 */
function leaveOneOut(library: Library, usableOnly = false, withDepartment = true): { ours: number; frequent: number; nearest: number; n: number } {
  const totals = { ours: 0, frequent: 0, nearest: 0 };
  let n = 0;
  for (const p of library.projects) {
    const real = p.indicators
      .filter((i) => i.name && (!usableOnly || usableValue(i) !== undefined))
      .map((i) => ({ level2: level2Of(i), name: i.name }));
    if (!real.length) continue;
    const rest: Library = { version: 1, projects: library.projects.filter((x) => x.id !== p.id) };
    const ours = compose(rest, { name: p.name, purpose: p.fundUse, amount: p.amount?.value, year: p.year, department: withDepartment ? p.department : undefined }).indicators.map((i) => ({
      level2: level2Of(i),
      name: i.name,
    }));
    const quotas = new Map<string, number>();
    for (const i of ours) quotas.set(i.level2, (quotas.get(i.level2) ?? 0) + 1);
    totals.ours += score(ours, real);
    totals.frequent += score(mostFrequent(rest, quotas), real);
    totals.nearest += score(nearestByName(rest, p.name), real);
    n++;
  }
  return { ours: totals.ours / n, frequent: totals.frequent / n, nearest: totals.nearest / n, n };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

export async function run(): Promise<void> {
  const library = loadLibrary();
  const nouns = new Set(library.projects.flatMap((p) => p.indicators.flatMap((i) => concreteObjects(`${i.name}，${i.description ?? ''}`))));
  const now = new Date(`${YEAR - 1}-12-01`);
  let rows = 0;
  let foreign = 0;
  let locality = 0;
  let flagged = 0;
  let stated = 0;
  let withCount = 0;
  let unitCost = 0;
  let categories = 0;
  const details: string[] = [];
  const sets: Array<[string, ComposeCase[]]> = [
    ['自编案例', COMPOSE_CASES],
    ['独立评审案例', REVIEWER_CASES],
    ['第二位独立评审案例', REVIEWER2_CASES],
    ['盲测案例（未据以调整）', BLIND_CASES],
    ['第四位评审案例（评审后据以调整）', REVIEWER3_CASES],
    ['第五位评审案例（盲评后据以调整）', REVIEWER4_CASES],
  ];
  console.log(`库中具体对象词 ${nouns.size} 个；预算年度 ${YEAR}`);
  for (const [title, cases] of sets) {
    console.log(`\n${title} ${cases.length} 个`);
    console.log('| 项目 | 行数 | 他项目对象 | 他地/涉密 | 所述数量 | 单位成本 | 类别齐全 | 规则提示 |');
    console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const c of cases) {
      const comp = compose(library, { name: c.name, purpose: c.purpose, amount: c.amount, year: YEAR }, now);
      const r = judge(c, comp, nouns);
      rows += r.rows;
      foreign += r.foreign.length;
      locality += r.locality.length;
      flagged += r.flagged.length;
      if (r.statedOk) stated++;
      if (r.unitCostOk !== undefined) withCount++;
      if (r.unitCostOk) unitCost++;
      if (r.categoriesOk) categories++;
      const yn = (b: boolean | undefined) => (b === undefined ? '—' : b ? '是' : '否');
      console.log(`| ${c.name} | ${r.rows} | ${r.foreign.length} | ${r.locality.length} | ${yn(r.statedOk)} | ${yn(r.unitCostOk)} | ${yn(r.categoriesOk)} | ${r.flagged.length} |`);
      for (const line of [...r.foreign.map((f) => `他项目对象：${f}`), ...r.locality.map((f) => `他地/涉密：${f}`), ...r.flagged]) details.push(`  ${c.name}：${line}`);
    }
  }
  const n = sets.reduce((t, [, cases]) => t + cases.length, 0);
  console.log('\n合计：');
  console.log(`- 含他项目具体对象的行：${foreign}/${rows}（${pct(foreign / rows)}，目标 ≤5%）`);
  console.log(`- 出现他地名称或“涉密”的行：${locality}（目标 0）`);
  console.log(`- 所述数量全部进入指标值的案例：${stated}/${n}（目标全部）`);
  console.log(`- 有数量且成本为 预算÷数量 单位成本的案例：${unitCost}/${withCount}（目标全部）`);
  console.log(`- 六类指标齐全的案例：${categories}/${n}（目标全部）`);
  console.log(`- 被本系统规则提示的行：${flagged}（目标 0）`);
  if (details.length) console.log(['\n明细：', ...details].join('\n'));
  const loo = leaveOneOut(library);
  const better = Math.max(loo.frequent, loo.nearest);
  console.log(`\n留一法（${loo.n} 个库内项目）召回率：本系统 ${pct(loo.ours)}；基线 A 各二级最常见 ${pct(loo.frequent)}；基线 B 名称最近项目 ${pct(loo.nearest)}`);
  console.log(`本系统 / 较好基线 = ${(loo.ours / better).toFixed(2)}×（目标 ≥1.5×）`);
  const fit = leaveOneOut(library, true);
  console.log(
    `只计评审可接受的库内指标行（${fit.n} 个项目）：本系统 ${pct(fit.ours)}；基线 A ${pct(fit.frequent)}；基线 B ${pct(fit.nearest)}；` +
      `本系统 / 较好基线 = ${(fit.ours / Math.max(fit.frequent, fit.nearest)).toFixed(2)}×`,
  );
}
