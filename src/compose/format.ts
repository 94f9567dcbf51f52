/** A composition as chat/CLI text (简体中文): rows grouped by 一级/二级, estimates marked, then the targets. */
import type { Composition } from './index.ts';

export function formatComposition(c: Composition): string {
  const lines: string[] = [];
  let group = '';
  c.indicators.forEach((ind, i) => {
    const g = `${ind.level1} / ${ind.level2}`;
    if (g !== group) {
      group = g;
      lines.push(`【${g}】`);
    }
    lines.push(`  ${i + 1}. ${ind.name}：${ind.value}${ind.estimate ? '（估算，请核对）' : ''}`);
    if (ind.description) lines.push(`     描述：${ind.description}`);
    if (ind.basis) lines.push(`     依据：${ind.basis}`);
  });
  lines.push('', `年度目标：${c.targets.annual}`, `实施期目标：${c.targets.period}`);
  lines.push(
    c.weak
      ? '模板库里没有与本项目相近的表，以上指标按资金用途中的工作内容拟定。'
      : `参考的相近项目：${c.similar.map((p) => p.name).join('、')}`,
  );
  return lines.join('\n');
}
