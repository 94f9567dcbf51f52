/**
 * Rows filed under the wrong category, read from what the row measures rather than where it sits:
 * a count or a rate under 时效 (`活动次数 ≥3次`, `设备在线率 ≥95%`), a service length under 时效
 * (`数据库服务有效时限 1年`), a deadline or time limit under 质量/数量 (`项目实施时限 1年`), and a
 * 满意度 row that rates something else (`提升社会治理信息化水平 ≥90%`). Where the move is
 * mechanical (another row keeps the old category filled) the fix moves the row.
 * 效益 rows that are outputs are `effect.restates-output` (meaning.ts).
 */
import { level1Of } from '../domain/framework.ts';
import { squeeze, toHalfWidth } from '../domain/text.ts';
import { finding } from './catalogue.ts';
import { exampleDeadline, type Context } from './context.ts';
import { unitClassOf } from './nouns.ts';
import { rowsOf, type RowView } from './rows.ts';
import type { Finding, Fix } from './types.ts';

/** Words that make a rate or a length a matter of time. */
const TIME_WORD = /及时|按时|准时|按期|如期|逾期|时效|时限|时间|期限|时长|用时|进度|限时|当[日天]|周期|响应|日内|天内|工作日|时段/;
/** A deadline: `2026年12月底前`, `10月底前`, `12月31日前`, `2024年 6 月底前`. */
const DEADLINE = /(?:\d{4}\s*年\s*(?:\d{1,2}\s*月)?|\d{1,2}\s*月)\s*(?:\d{1,2}\s*日)?\s*(?:底|末|中旬|上旬|下旬)?\s*(?:前|以前|之前)/;
/** A length of service in years or months, the usual `1年`, `=12个月`, `全年`. */
const SERVICE_LENGTH = /^(?:=|＝)?\s*\d+(?:\.\d+)?\s*(?:个)?(?:年|月)$/;
/** What a satisfaction row names: the rating itself or who gives it. */
const SATISFACTION_WORD = /满意|认可|好评|评价|评议|称赞|赞誉/;

function countable(r: RowView): boolean {
  const v = r.v;
  if (v.kind !== 'quantitative' || v.value === undefined || !v.unit) return false;
  return unitClassOf(v.unit) !== undefined || /^(?:个|项|处|条|张|篇)$/.test(v.unit);
}

/** A bad-event ceiling (`重大案件数量 0件`, `≤2次`) is a quality target, a floor a quantity. */
function countHome(r: RowView): string {
  const v = r.v;
  return v.kind === 'quantitative' && (v.value === 0 || v.op === '≤' || v.op === '<') ? '质量指标' : '数量指标';
}

interface Misfiled {
  home: string;
  why: string;
}

function misfiled(r: RowView): Misfiled | undefined {
  const value = squeeze(toHalfWidth(r.value));
  if (r.level2 === '时效指标') {
    if (countable(r) && !TIME_WORD.test(r.name)) return { home: countHome(r), why: `计的是数量（“${r.value}”），不是完成时限` };
    if (r.v.kind === 'quantitative' && r.v.unit === '%' && !TIME_WORD.test(r.name)) return { home: '质量指标', why: `“${r.value}”是质量比率，与时间无关` };
    if (SERVICE_LENGTH.test(value) && !/响应|用时|时长|办结|处理|答复|反馈|修复/.test(r.name)) {
      return { home: '数量指标', why: `“${r.value}”是服务期的长度，不是完成时限` };
    }
    return undefined;
  }
  if (r.level2 === '质量指标' || r.level2 === '数量指标') {
    if (DEADLINE.test(value) || (SERVICE_LENGTH.test(value) && /时限|期限|完成时间/.test(r.name))) {
      return { home: '时效指标', why: `“${r.value}”是期限，属于时效` };
    }
  }
  return undefined;
}

export function checkCategories(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const rows = rowsOf(ctx);
  for (const r of rows) {
    if (r.isSatisfaction) {
      if (SATISFACTION_WORD.test(r.name)) continue;
      out.push(
        finding(
          'indicator.wrong-category',
          `indicators.${r.i}.name`,
          `${r.label}放在满意度指标下，考核的却不是满意度。请改为服务对象的满意度，例如：群众满意度 ≥90%；这一内容可移到效益指标。`,
          r.i,
        ),
      );
      continue;
    }
    const m = misfiled(r);
    if (!m) continue;
    const level1 = level1Of(m.home, ctx.framework) ?? r.level1;
    // Moving the only row of a category would leave it missing: then the user rewrites instead.
    const others = rows.some((o) => o !== r && o.level2 === r.level2);
    const fix: Fix | undefined = others ? { kind: 'move-row', indicator: r.i, level1, level2: m.home, label: `第${r.i + 1}条移到${m.home}` } : undefined;
    const instead = r.level2 === '时效指标' ? `时效指标请写完成时限，例如：${exampleDeadline(ctx)}` : `${r.level2}请写${r.level2 === '数量指标' ? '完成数量' : '质量要求'}`;
    out.push(finding('indicator.wrong-category', `indicators.${r.i}.level2`, `${r.label}放在${r.level2}下，但${m.why}。请移到${m.home}；${instead}。`, r.i, fix));
  }
  return out;
}
