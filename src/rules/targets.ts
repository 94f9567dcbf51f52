/** 绩效目标: present (checked with the text fields), and not the project name or the fund use again. */
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { charLength, comparable, record, textOf } from './input.ts';
import type { Finding } from './types.ts';

const TARGETS = [
  ['period', '实施期目标'],
  ['annual', '年度目标'],
] as const;

const EXAMPLE = '全年开展法律咨询不少于200次，案件办结率达到95%以上，群众满意度达到90%以上';

export function checkTargets(ctx: Context): Finding[] {
  const out: Finding[] = [];
  const targets = record(ctx.t.targets);
  const name = textOf(ctx.t.projectName);
  const fundUse = textOf(ctx.t.fundUse);
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
    }
  }
  return out;
}
