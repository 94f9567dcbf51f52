/** Required text fields, their types and their lengths; the budget year. */
import { FRAMEWORKS } from '../domain/framework.ts';
import { finding } from './catalogue.ts';
import type { Context } from './context.ts';
import { charLength, numberField, record, textField } from './input.ts';
import type { Finding } from './types.ts';

interface TextSpec {
  field: string;
  label: string;
  required: boolean;
  max: number;
  example: string;
  read: (ctx: Context) => unknown;
}

// Limits are generous for real tables (the longest seed project name has under 40 characters) and
// keep one cell of the DOCX readable.
export const TEXT_FIELDS: readonly TextSpec[] = [
  { field: 'projectName', label: '项目名称', required: true, max: 80, example: '法律信息数据库使用费', read: (c) => c.t.projectName },
  { field: 'projectCode', label: '项目编码', required: false, max: 40, example: '161001011', read: (c) => c.t.projectCode },
  { field: 'department', label: '主管部门', required: true, max: 60, example: '大连高新区政法办公室', read: (c) => c.t.department },
  { field: 'implementer', label: '实施单位', required: true, max: 60, example: '大连高新区政法办公室', read: (c) => c.t.implementer },
  { field: 'period', label: '项目实施期', required: true, max: 40, example: '2025年1月至2025年12月', read: (c) => c.t.period },
  {
    field: 'fundUse',
    label: '项目资金主要用途',
    required: true,
    max: 1000,
    example: '用于购买法律数据库服务，支撑合法性审查和行政复议工作',
    read: (c) => c.t.fundUse,
  },
  {
    field: 'targets.period',
    label: '实施期目标',
    required: true,
    max: 1500,
    example: '全年开展法律咨询不少于200次，群众满意度达到90%以上',
    read: (c) => record(c.t.targets).period,
  },
  {
    field: 'targets.annual',
    label: '年度目标',
    required: true,
    max: 1500,
    example: '全年开展法律咨询不少于200次，群众满意度达到90%以上',
    read: (c) => record(c.t.targets).annual,
  },
];

export function checkFields(ctx: Context): Finding[] {
  const out: Finding[] = [];
  for (const spec of TEXT_FIELDS) {
    const f = textField(spec.read(ctx));
    if (f.kind === 'missing') {
      if (spec.required) out.push(finding('required', spec.field, `缺少${spec.label}。请填写，例如：${spec.example}。`));
    } else if (f.kind === 'invalid') {
      out.push(finding('field.invalid-type', spec.field, `${spec.label}应为文字。请重新填写，例如：${spec.example}。`));
    } else if (charLength(f.text) > spec.max) {
      out.push(
        finding(
          'text.too-long',
          spec.field,
          `${spec.label}共${charLength(f.text)}字，超过${spec.max}字上限。请精简，例如：${spec.example}。`,
        ),
      );
    }
  }
  const fw = ctx.t.framework;
  if (fw !== undefined && fw !== null && !(typeof fw === 'string' && Object.hasOwn(FRAMEWORKS, fw))) {
    out.push(finding('field.invalid-type', 'framework', '指标框架只能是 local（地方通用框架）或 mof2021（财预〔2021〕101号框架）。请选择其一，例如：local。'));
  }
  const year = numberField(ctx.t.year);
  if (year.kind === 'invalid' || (year.kind === 'number' && !(Number.isInteger(year.value) && year.value >= 1900 && year.value <= 2199))) {
    out.push(finding('year.invalid', 'year', '预算年度无效。请填写四位年份，例如：2025。'));
  }
  return out;
}
