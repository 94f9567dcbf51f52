/** Suggestions as chat/CLI text (简体中文): a numbered list grouped by 一级/二级. */
import type { Suggestion } from './suggest.ts';

export function formatSuggestion(s: Suggestion): string {
  const lines: string[] = [];
  let group = '';
  s.indicators.forEach((ind, i) => {
    const g = `${ind.level1} / ${ind.level2}`;
    if (g !== group) {
      group = g;
      lines.push(`【${g}】`);
    }
    lines.push(`  ${i + 1}. ${ind.name}：${ind.value}`);
  });
  if (s.similar.length) lines.push(`参考的相近项目：${s.similar.slice(0, 3).map((p) => p.name).join('、')}`);
  return lines.join('\n');
}
