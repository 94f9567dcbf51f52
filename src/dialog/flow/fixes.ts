/**
 * One-tap fixes of review findings. A rule attaches a `fix` where the correction is mechanical
 * (replace this value, delete this row, set this amount); the review step numbers them, offers each
 * as a button (`fx:<n>`) and as the typed command 「修正 n」 (「全部修正」 applies them all), and
 * applying one changes the draft in that same reply. 撤销 undoes it like any other change.
 *
 * The numbering is recomputed from the table each time, so a button and the typed number always
 * mean the fix the user saw in the last review message. Pure: tables in, tables out.
 */
import type { DraftTable } from '../../domain/draft.ts';
import { orderByFramework } from '../../domain/framework.ts';
import { formatNumber } from '../../domain/number.ts';
import type { Finding, Fix } from '../../rules/index.ts';

/** At most this many fixes get a button; the others wait until the first ones are applied. */
export const MAX_OFFERED = 5;

export interface OfferedFix {
  /** 1-based number shown to the user (修正 1). */
  n: number;
  fix: Fix;
  /** The code of the finding it fixes. */
  code: string;
  /** What the fix does, in short 简体中文: 「第3条改为 ≤625元/件」. */
  label: string;
}

const PART_LABEL = { total: '合计', fiscal: '财政拨款', other: '其他资金' } as const;
const COLUMN_LABEL = { period: '实施期', annual: '年度' } as const;

/**
 * The amounts column a set-amount fix really changes: a 实施期 the user never entered is a copy of
 * the 年度 amounts (dialog/defaults.ts), so its fix is the 年度 one.
 */
function amountColumn(table: DraftTable, fix: Extract<Fix, { kind: 'set-amount' }>): 'period' | 'annual' {
  return fix.column === 'period' && table.amounts.period.total === undefined ? 'annual' : fix.column;
}

export function fixLabel(table: DraftTable, fix: Fix): string {
  switch (fix.kind) {
    case 'replace-value':
      return `第${fix.indicator + 1}条改为 ${fix.value}`;
    case 'delete-row':
      return `删除第${fix.indicator + 1}条`;
    case 'move-row':
      return `第${fix.indicator + 1}条移到${fix.level2}`;
    case 'set-amount':
      return `${COLUMN_LABEL[amountColumn(table, fix)]}${PART_LABEL[fix.part]}改为${formatNumber(fix.value)}`;
  }
}

/** What a fix changes, so that two findings with the same fix are offered once. */
function fixKey(table: DraftTable, fix: Fix): string {
  switch (fix.kind) {
    case 'replace-value':
      return `v${fix.indicator}`;
    case 'delete-row':
      return `d${fix.indicator}`;
    case 'move-row':
      return `m${fix.indicator}`;
    case 'set-amount':
      return `a${amountColumn(table, fix)}.${fix.part}`;
  }
}

/** The fixes the findings carry that still apply to `table`, numbered, errors first, one per change. */
export function offeredFixes(table: DraftTable, findings: Finding[]): OfferedFix[] {
  const ordered = [...findings.filter((f) => f.severity === 'error'), ...findings.filter((f) => f.severity !== 'error')];
  const seen = new Set<string>();
  const deleted = new Set<number>();
  const out: OfferedFix[] = [];
  for (const f of ordered) {
    const fix = f.fix;
    if (!fix || !applies(table, fix)) continue;
    const key = fixKey(table, fix);
    // A row offered for deletion is not also offered a new value (and the other way round).
    const row = fix.kind === 'set-amount' ? undefined : fix.indicator;
    if (seen.has(key) || (row !== undefined && (deleted.has(row) || seen.has(`v${row}`)))) continue;
    seen.add(key);
    if (fix.kind === 'delete-row') deleted.add(fix.indicator);
    out.push({ n: out.length + 1, fix, code: f.code, label: fixLabel(table, fix) });
    if (out.length >= MAX_OFFERED) break;
  }
  return out;
}

/** Whether the fix still fits the table (the row exists and the change is a change). */
function applies(table: DraftTable, fix: Fix): boolean {
  if (fix.kind === 'set-amount') {
    if (!Number.isFinite(fix.value) || fix.value < 0) return false;
    return table.amounts[amountColumn(table, fix)][fix.part] !== fix.value;
  }
  const row = table.indicators[fix.indicator];
  if (!row) return false;
  if (fix.kind === 'move-row') return row.level2 !== fix.level2 && fix.level2 !== '';
  return fix.kind === 'delete-row' || (fix.value.trim() !== '' && row.value !== fix.value);
}

export type FixResult = { ok: true; table: DraftTable; done: string } | { ok: false; why: string };

/** Changes `t` in place (no reordering); returns what changed, in 简体中文. */
function mutate(t: DraftTable, fix: Fix): string {
  switch (fix.kind) {
    case 'replace-value': {
      const row = t.indicators[fix.indicator]!;
      const old = row.value;
      row.value = fix.value;
      // A value the user accepted is no longer the composer's estimate.
      delete row.estimate;
      return `已把第${fix.indicator + 1}条“${row.name}”的指标值由“${old}”改为“${fix.value}”。`;
    }
    case 'delete-row': {
      const [row] = t.indicators.splice(fix.indicator, 1);
      return `已删除第${fix.indicator + 1}条“${row!.name}”，后面的指标序号前移。`;
    }
    case 'move-row': {
      const row = t.indicators[fix.indicator]!;
      const from = row.level2;
      row.level1 = fix.level1;
      row.level2 = fix.level2;
      return `已把第${fix.indicator + 1}条“${row.name}”由${from}移到${fix.level2}，指标序号随之调整。`;
    }
    case 'set-amount': {
      const col = amountColumn(t, fix);
      t.amounts[col][fix.part] = fix.value;
      return `已把${COLUMN_LABEL[col]}${PART_LABEL[fix.part]}改为${formatNumber(fix.value)}${t.amounts.unit}。`;
    }
  }
}

/** Applies one fix to a copy of the table; `done` says what changed (「已把第3条的指标值由“…”改为“…”」). */
export function applyFix(table: DraftTable, fix: Fix): FixResult {
  if (!applies(table, fix)) return { ok: false, why: '这处修正已不适用（表格已经改过了）。' };
  const t = structuredClone(table);
  const done = mutate(t, fix);
  // A moved row shows under its new heading: the list stays in framework order.
  if (fix.kind === 'move-row') t.indicators = orderByFramework(t.indicators, t.framework);
  return { ok: true, table: t, done };
}

/**
 * Applies every offered fix at once, on the row numbers the user saw: values, amounts and moves
 * first, then the deletions from the last row up, then the list is put back in framework order.
 */
export function applyAll(table: DraftTable, offered: OfferedFix[]): { table: DraftTable; done: string[] } {
  const t = structuredClone(table);
  const valid = offered.filter((o) => applies(table, o.fix));
  const deletions = valid.filter((o) => o.fix.kind === 'delete-row');
  const row = (o: OfferedFix) => (o.fix.kind === 'set-amount' ? -1 : o.fix.indicator);
  for (const o of valid.filter((x) => x.fix.kind !== 'delete-row')) mutate(t, o.fix);
  for (const o of [...deletions].sort((a, b) => row(b) - row(a))) mutate(t, o.fix);
  if (valid.some((o) => o.fix.kind === 'move-row')) t.indicators = orderByFramework(t.indicators, t.framework);
  return { table: t, done: valid.map((o) => o.label) };
}

/** The review message's buttons for the fixes (before 生成/修改/版式). */
export function fixChoices(offered: OfferedFix[]): Array<[string, string]> {
  const one = offered.map((o): [string, string] => [`fx:${o.n}`, `修正${o.n}：${o.label}`]);
  return offered.length > 1 ? [...one, ['fx:all', '全部修正']] : one;
}

/** The line under the findings that says how to apply them without buttons. */
export function fixHint(offered: OfferedFix[]): string {
  if (!offered.length) return '';
  const list = offered.map((o) => `修正${o.n}：${o.label}`).join('\n');
  return `可一键修正（点按钮，或发送「修正 1」${offered.length > 1 ? '「全部修正」' : ''}；改后可「撤销」）：\n${list}`;
}

/** 「修正 2」, 「修正2」, 「fix 2」: the number; 「全部修正」: 'all'. */
export function parseFixCommand(text: string): number | 'all' | undefined {
  const s = text.trim().replace(/[。！!]+$/, '');
  if (/^(?:全部修正|修正全部|一键修正|全部修复|fix\s*all)$/i.test(s)) return 'all';
  const m = /^(?:修正|修复|fix)\s*(?:第\s*)?(\d{1,2})\s*(?:处|条|个)?$/i.exec(s);
  return m ? Number(m[1]) : undefined;
}
