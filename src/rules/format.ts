/** Findings as a Chinese text block for chat and the CLI. */
import type { Finding } from './types.ts';

const TOP_LABELS: Record<string, string> = {
  year: '预算年度',
  projectName: '项目名称',
  projectCode: '项目编码',
  department: '主管部门',
  implementer: '实施单位',
  period: '项目实施期',
  amounts: '资金投入',
  fundUse: '资金用途',
  spendingPlan: '资金支出计划',
  targets: '绩效目标',
  indicators: '绩效指标',
  framework: '指标框架',
};

const SUB_LABELS: Record<string, string> = {
  'amounts.unit': '金额单位',
  'amounts.period': '实施期金额',
  'amounts.annual': '年度金额',
  'targets.period': '实施期目标',
  'targets.annual': '年度目标',
};

/** A short Chinese label for a field path (`indicators.2.value` → `第3条指标`). */
export function fieldLabel(field: string): string {
  const m = /^indicators\.(\d+)/.exec(field);
  if (m) return `第${Number(m[1]) + 1}条指标`;
  const parts = field.split('.');
  const two = parts.slice(0, 2).join('.');
  return SUB_LABELS[two] ?? TOP_LABELS[parts[0] ?? ''] ?? field;
}

function block(title: string, items: Finding[]): string[] {
  // Indicator messages already start with 第N条指标; don't say it twice.
  return [
    title,
    ...items.map((f, k) => {
      const label = fieldLabel(String(f.field ?? ''));
      return String(f.message ?? '').startsWith(label) ? `${k + 1}. ${f.message}` : `${k + 1}. 【${label}】${f.message}`;
    }),
  ];
}

export function formatFindings(findings: Finding[]): string {
  const list = Array.isArray(findings) ? findings : [];
  if (list.length === 0) return '检查通过，未发现问题。';
  const errors = list.filter((f) => f.severity === 'error');
  const warnings = list.filter((f) => f.severity !== 'error');
  const lines: string[] = [];
  const head: string[] = [];
  if (errors.length) head.push(`${errors.length}个错误`);
  if (warnings.length) head.push(`${warnings.length}条提醒`);
  lines.push(`检查发现${head.join('、')}。`);
  if (errors.length) lines.push('', ...block('错误（须修改后才能生成）：', errors));
  if (warnings.length) lines.push('', ...block('提醒（建议修改）：', warnings));
  return lines.join('\n');
}
