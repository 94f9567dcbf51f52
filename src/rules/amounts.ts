/** 资金投入: positive finite amounts, precision, 财政拨款 + 其他资金 = 合计, 年度 ≤ 实施期, units. */
import { toHalfWidth } from '../domain/text.ts';
import { finding } from './catalogue.ts';
import { formatNumber } from '../domain/number.ts';
import type { Context } from './context.ts';
import { list, numberField, record, textOf } from './input.ts';
import type { Finding } from './types.ts';

const COLUMNS = [
  ['period', '实施期'],
  ['annual', '年度'],
] as const;
const PARTS = [
  ['total', '金额合计'],
  ['fiscal', '财政拨款'],
  ['other', '其他资金'],
] as const;

/** 0.0001万元 (one yuan), the tolerance, plus room for binary floating point. */
const SUM_TOLERANCE_WAN = 0.0001 + 1e-9;

function hasAtMostDecimals(v: number, decimals: number): boolean {
  const scaled = v * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) <= 1e-6 * Math.max(1, Math.abs(scaled) * 1e-9);
}

export function checkAmounts(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const amounts = record(ctx.t.amounts);
  const { unit, toWan } = ctx;
  if (ctx.t.amounts !== undefined && ctx.t.amounts !== null && typeof ctx.t.amounts !== 'object') {
    out.push(finding('field.invalid-type', 'amounts', '资金投入格式不正确。请重新填写金额，例如：实施期金额9.88万元，其中财政拨款9.88万元。'));
  }
  if (amounts.unit !== undefined && amounts.unit !== '万元' && amounts.unit !== '元') {
    out.push(finding('amount.unit-invalid', 'amounts.unit', '金额单位只能是“万元”或“元”。请选择其一，例如：万元。'));
  }
  const decimals = unit === '元' ? 2 : 4;
  const totals: Partial<Record<'period' | 'annual', number>> = {};

  const invalidPeriod = new Map<string, number>();
  for (const [col, colLabel] of COLUMNS) {
    const funds = record(amounts[col]);
    const valid: Partial<Record<'total' | 'fiscal' | 'other', number>> = {};
    let broken = false;
    for (const [part, partLabel] of PARTS) {
      const field = `amounts.${col}.${part}`;
      const label = `${colLabel}${partLabel}`;
      const f = numberField(funds[part]);
      if (f.kind === 'missing') {
        if (part === 'total') out.push(finding('required', field, `缺少${colLabel}金额。请填写金额（${unit}），例如：9.88。`));
        continue;
      }
      if (f.kind === 'invalid') {
        out.push(finding('field.invalid-type', field, `${label}应为数字。请填写金额（${unit}），例如：9.88。`));
        continue;
      }
      const v = f.value;
      if (!Number.isFinite(v) || v < 0 || (part === 'total' && v === 0)) {
        broken = true;
        // The same bad figure in both columns is one mistake (the dialog copies 实施期 to 年度).
        if (col === 'period') invalidPeriod.set(part, v);
        else if (Object.is(invalidPeriod.get(part), v)) continue;
        const need = part === 'total' ? '大于0' : '不小于0';
        out.push(finding('amount.invalid', field, `${label}“${formatNumber(v)}”无效，应为${need}的数字。请重新填写，例如：9.88${unit}。`));
        continue;
      }
      if (!hasAtMostDecimals(v, decimals)) {
        out.push(
          finding(
            'amount.precision',
            field,
            `${label}“${formatNumber(v)}”的小数位过多，以${unit}为单位最多保留${decimals}位小数。请四舍五入，例如：${v.toFixed(decimals)}。`,
          ),
        );
      }
      valid[part] = v;
    }
    const { total, fiscal, other } = valid;
    if (total === undefined) continue;
    totals[col] = total;
    // A part already reported as invalid would be quoted here with a wrong number: one error is enough.
    if (!broken && (fiscal !== undefined || other !== undefined)) {
      const sum = (fiscal ?? 0) + (other ?? 0);
      const mismatch = fiscal === undefined ? sum * toWan > total * toWan + SUM_TOLERANCE_WAN : Math.abs(sum - total) * toWan > SUM_TOLERANCE_WAN;
      if (mismatch) {
        // Keep the 其他资金 the user entered: the 财政拨款 is what follows from it.
        const keepOther = other !== undefined && other > 0 && other <= total;
        const fiscalFix = keepOther ? Math.round((total - other) * 10 ** decimals) / 10 ** decimals : total;
        const hint = keepOther
          ? `若其他资金${formatNumber(other)}无误，财政拨款应为${formatNumber(fiscalFix)}；否则请核对合计。`
          : `请核对，例如：合计${formatNumber(total)}，其中财政拨款${formatNumber(total)}。`;
        out.push(
          finding(
            'amount.sum-mismatch',
            `amounts.${col}.total`,
            `${colLabel}财政拨款（${formatNumber(fiscal ?? 0)}）加其他资金（${formatNumber(other ?? 0)}）等于${formatNumber(sum)}，与合计${formatNumber(total)}${unit}不符。${hint}`,
            undefined,
            fiscal !== undefined ? { kind: 'set-amount', column: col, part: 'fiscal', value: fiscalFix, label: `财政拨款改为${formatNumber(fiscalFix)}` } : undefined,
          ),
        );
      }
    }
  }

  if (totals.period !== undefined && totals.annual !== undefined && totals.annual * toWan > totals.period * toWan + SUM_TOLERANCE_WAN) {
    out.push(
      finding(
        'amount.annual-exceeds-period',
        'amounts',
        `年度金额${formatNumber(totals.annual)}${unit}大于实施期金额${formatNumber(totals.period)}${unit}。年度金额不能超过实施期金额，一年期项目两者相同，例如：均为${formatNumber(totals.period)}${unit}。`,
      ),
    );
  }

  // Magnitude: 20元 for a whole project, or 50亿 in 万元, is almost always the wrong unit.
  const [firstCol, firstTotal] = totals.period !== undefined ? (['period', totals.period] as const) : (['annual', totals.annual] as const);
  if (firstTotal !== undefined) {
    if (unit === '元' && firstTotal < 100) {
      out.push(
        finding(
          'amount.unit-suspect',
          `amounts.${firstCol}.total`,
          `金额只有${formatNumber(firstTotal)}元，单位可能应为万元。请确认单位，例如：${formatNumber(firstTotal)}万元。`,
        ),
      );
    } else if (unit === '万元' && firstTotal > 1_000_000) {
      out.push(
        finding(
          'amount.unit-suspect',
          `amounts.${firstCol}.total`,
          `金额${formatNumber(firstTotal)}万元超过100亿元，单位可能应为元。请确认单位，例如：${formatNumber(firstTotal)}元。`,
        ),
      );
    }
  }

  // 250000万元 for a 25万元 project: the yuan figure typed into a 万元 table, which 资金用途 or a cost row
  // gives away by stating total ÷ 10000 万元.
  if (unit === '万元' && firstTotal !== undefined && firstTotal >= 10000) {
    const wan = firstTotal / 10000;
    const text = toHalfWidth([textOf(ctx.t.fundUse), ...list(ctx.t.indicators).map((i) => textOf(record(i).value))].filter(Boolean).join('\n'));
    const stated = [...text.matchAll(/(\d+(?:\.\d+)?)\s*万/g)].some((m) => Math.abs(Number(m[1]) - wan) < 1e-6);
    if (stated) {
      out.push(
        finding(
          'amount.yuan-as-wan',
          `amounts.${firstCol}.total`,
          `合计${formatNumber(firstTotal)}万元（${formatNumber(firstTotal / 10000)}亿元），而用途或指标写的是${formatNumber(wan)}万元，应是把元填成了万元。请改为${formatNumber(wan)}万元，或把单位改为元。`,
        ),
      );
    }
  }

  // The same figure written with another unit in 资金用途 (预算数 165.35 万元 vs 元 in the table).
  const fundUse = textOf(ctx.t.fundUse);
  if (fundUse && fundUse.length <= 5000) {
    const known = Object.values(totals);
    for (const m of toHalfWidth(fundUse).matchAll(/(\d+(?:\.\d+)?)\s*(万元|元)/g)) {
      const n = Number(m[1]);
      const u = m[2];
      if (u !== unit && known.some((k) => Math.abs(k - n) < 1e-9)) {
        out.push(
          finding(
            'amount.unit-mismatch',
            'amounts',
            `资金用途写的是“${m[0]}”，而资金投入的单位是${unit}。请统一单位，例如：资金投入填${formatNumber(n)}${u}，或把用途改为${formatNumber(n)}${unit}。`,
          ),
        );
        break;
      }
    }
  }
  return out;
}
