import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../../library/load.ts';

export const summary = '运行基准测试（bench/*.ts），可指定名称：bench [library|render|dialog|…]';

const BENCH_DIR = join(REPO_ROOT, 'bench');

export async function run(args: string[]): Promise<number> {
  const all = readdirSync(BENCH_DIR)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => f.slice(0, -3))
    .sort();
  const wanted = args.length ? args : all;
  const unknown = wanted.filter((n) => !all.includes(n));
  if (unknown.length) {
    console.error(`没有这个基准：${unknown.join('、')}。可选：${all.join('、')}`);
    return 2;
  }
  for (const name of wanted) {
    console.log(`\n=== bench: ${name} ===`);
    const mod = (await import(join(BENCH_DIR, `${name}.ts`))) as { run(): Promise<void> };
    await mod.run();
  }
  return 0;
}
