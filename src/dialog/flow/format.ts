/** Chinese text for lists, summaries and findings. Pure. */
import type { DraftTable, Indicator } from '../../domain/draft.ts';
import { canonicalLevel1, canonicalLevel2 } from '../../domain/framework.ts';
import { buildContext } from '../../rules/context.ts';
import { requirements } from '../../rules/indicators.ts';
import type { Defaulted } from '../drafts/defaults.ts';
import { AI_MARK } from '../drafts/marks.ts';
import { formatMoney } from '../answers/parse.ts';
import type { Finding } from '../../rules/index.ts';

/** Framework order (stable), so the displayed numbers are array positions + 1; answers/answers.ts uses this name. */

const clipTo = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** 描述 and 依据 of a row in one short line (the DOCX prints them in full). */
function details(i: Indicator): string {
  const parts = [i.description ? `描述：${clipTo(i.description, 24)}` : '', i.basis ? `依据：${clipTo(i.basis, 24)}` : ''].filter(Boolean);
  return parts.length ? `\n     ${parts.join('｜')}` : '';
}

/** The numbered list grouped by 一级/二级; with `withDetails`, 描述 and 依据 under each row, shortened. */
export function formatIndicators(list: Indicator[], withDetails = false): string {
  const lines: string[] = [];
  let l1 = '';
  let l2 = '';
  list.forEach((i, n) => {
    if (i.level1 !== l1) {
      l1 = i.level1;
      l2 = '';
      lines.push(`【${l1}】`);
    }
    if (i.level2 !== l2) {
      l2 = i.level2;
      lines.push(` ${l2}`);
    }
    lines.push(`  ${n + 1}. ${i.name}：${i.value}${i.estimate ? '（估算，请核对）' : ''}${withDetails ? details(i) : ''}`);
  });
  return lines.join('\n');
}

/**
 * Which required categories have no indicator yet (一级 or 二级 names), in the table's framework.
 * The list is the rule engine's own, so the 还缺 line and the framework.missing findings agree.
 */
export function missingCategories(table: DraftTable): string[] {
  const seen = table.indicators.map((i) => ({ l1: canonicalLevel1(i.level1), l2: canonicalLevel2(i.level2) }));
  return requirements(buildContext(table))
    .filter((req) => !seen.some(({ l1, l2 }) => req.test(l1, l2)))
    .map((req) => req.label);
}

export function formatFindings(findings: Finding[]): string {
  const errors = findings.filter((f) => f.severity === 'error');
  const warnings = findings.filter((f) => f.severity === 'warning');
  const lines: string[] = [];
  if (errors.length) lines.push('需要修改：', ...errors.map((f) => `✗ ${f.message}`));
  if (warnings.length) lines.push('提示：', ...warnings.map((f) => `△ ${f.message}`));
  return lines.join('\n');
}

const mark = (d: Defaulted, key: Parameters<Defaulted['has']>[0]): string => (d.has(key) ? '（默认）' : '');
const shorten = (s: string | undefined, n = 120): string => (!s ? '—' : s.length > n ? `${s.slice(0, n)}…` : s);

/** `ai`: parts the model wrote (see drafts/marks.ts), marked 「（AI 起草）」. */
export function formatSummary(t: DraftTable, d: Defaulted, layoutLabel: string, ai: readonly string[] = []): string {
  const byAi = (...parts: string[]): string => (parts.some((p) => ai.includes(p)) ? AI_MARK : '');
  const u = t.amounts.unit;
  const funds = (f: DraftTable['amounts']['annual']): string =>
    `${formatMoney(f.total, u)}（财政拨款 ${formatMoney(f.fiscal, u)}，其他资金 ${formatMoney(f.other, u)}）`;
  const p = t.spendingPlan;
  const counts = new Map<string, number>();
  for (const i of t.indicators) counts.set(i.level2, (counts.get(i.level2) ?? 0) + 1);
  const estimated = t.indicators.flatMap((i, k) => (i.estimate ? [`${k + 1}. ${i.name} ${i.value}`] : []));
  return [
    '草稿摘要：',
    `项目名称：${t.projectName ?? '—'}${byAi('projectName')}`,
    `项目编码：${t.projectCode ?? '（无）'}${byAi('projectCode')}`,
    `主管部门：${t.department ?? '—'}${byAi('department')}`,
    `实施单位：${t.implementer ?? '—'}${mark(d, 'implementer')}${byAi('implementer')}`,
    `项目实施期：${t.period ?? '—'}${mark(d, 'period')}${byAi('period')}`,
    `实施期金额：${funds(t.amounts.period)}${mark(d, 'amounts.period')}${byAi('amounts')}`,
    `年度金额：${funds(t.amounts.annual)}${byAi('amounts')}`,
    `资金用途：${shorten(t.fundUse)}${byAi('fundUse')}`,
    `资金支出计划（累计%）：3月底 ${p.mar ?? '—'}，6月底 ${p.jun ?? '—'}，10月底 ${p.oct ?? '—'}，12月底 ${p.dec ?? '—'}${mark(d, 'spendingPlan')}`,
    `实施期目标：${shorten(t.targets.period)}${mark(d, 'targets.period')}${byAi('targets', 'targets.period')}`,
    `年度目标：${shorten(t.targets.annual)}${mark(d, 'targets.annual')}${byAi('targets', 'targets.annual')}`,
    `绩效指标：${t.indicators.length} 条（${[...counts].map(([k, v]) => `${k.replace(/指标$/, '')} ${v}`).join('、') || '无'}）${byAi('indicators')}`,
    ...(estimated.length ? [`按预算估算、请核对的指标值：${estimated.join('；')}`] : []),
    `版式：${layoutLabel}`,
  ].join('\n');
}

export const HELP = [
  '我会一步步问您几个问题，最后生成 Word 格式的绩效目标表。可随时发送：',
  '· 帮助 /help　· 新建 /new　· 返回 /back　· 跳过 /skip（仅可选项）',
  '· 修改 <字段> /edit（如「修改 金额」）　· 查看 /show',
  '· 指标 <关键词> /template（如「指标 社区矫正」）',
  '· 生成 /done　· 取消 /cancel　· 草稿 /drafts　· 版式 /layout　· 复制上一份 /copy',
  '· 修正 n（采用检查提示的第 n 条修正）　· 全部修正　· 撤销 /undo',
  '也可以一次粘贴多行「字段：值」，例如：\n项目名称：社区矫正工作经费\n主管部门：某区司法局\n金额：20万元\n资金用途：开展社区矫正对象教育帮扶',
].join('\n');
