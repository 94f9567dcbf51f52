/**
 * Render time and file size of the DOCX, per layout, over the library projects. Each project is
 * rendered several times and its median kept, after a warm-up pass so JIT compilation of the docx
 * library does not count against the first tables.
 */
import { performance } from 'node:perf_hooks';
import { loadLibrary } from '../src/library/load.ts';
import { tableFromLibraryProject } from '../src/library/toTable.ts';
import { LAYOUTS, render } from '../src/render/index.ts';

const REPEATS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function run(): Promise<void> {
  const tables = loadLibrary().projects.map(tableFromLibraryProject);
  console.log(`模板库项目 ${tables.length} 个，每个渲染 ${REPEATS} 次取中位数（先预热一轮）。`);
  for (const { name, title } of LAYOUTS) {
    for (const t of tables) await render(t, { layout: name });
    const times: number[] = [];
    const sizes: number[] = [];
    for (const t of tables) {
      const mine: number[] = [];
      let size = 0;
      for (let i = 0; i < REPEATS; i++) {
        const start = performance.now();
        const buf = await render(t, { layout: name });
        mine.push(performance.now() - start);
        size = buf.length;
      }
      times.push(median(mine));
      sizes.push(size);
    }
    console.log(
      `${name}（${title}）：每表渲染中位数 ${median(times).toFixed(1)} ms（最慢 ${Math.max(...times).toFixed(1)} ms），` +
        `文件大小中位数 ${kb(median(sizes))}，最大 ${kb(Math.max(...sizes))}`,
    );
  }
}
