import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSource, SOURCES } from '../../library/build.ts';
import { LIBRARY_FILE, SOURCES_DIR } from '../../library/load.ts';
import type { Library } from '../../library/types.ts';

export const summary = '从 data/sources/ 的样例文档重建模板库 data/library.json';

export async function run(): Promise<number> {
  const library: Library = { version: 1, projects: [] };
  console.log(`解析 ${SOURCES.length} 份样例文档：`);
  for (const [i, s] of SOURCES.entries()) {
    const projects = buildSource(s.file, readFileSync(join(SOURCES_DIR, s.file), 'utf8'));
    const rows = projects.reduce((n, p) => n + p.indicators.length, 0);
    const flagged = projects.reduce((n, p) => n + p.indicators.filter((x) => x.flags?.length).length, 0);
    console.log(`  [${i + 1}/${SOURCES.length}] ${s.file}（${s.layout}）：项目 ${projects.length} 个，指标 ${rows} 条，其中标记 ${flagged} 条`);
    library.projects.push(...projects);
  }
  const rows = library.projects.reduce((n, p) => n + p.indicators.length, 0);
  writeFileSync(LIBRARY_FILE, `${JSON.stringify(library, null, 1)}\n`);
  console.log(`合计：项目 ${library.projects.length} 个，指标 ${rows} 条 → ${LIBRARY_FILE}`);
  return 0;
}
