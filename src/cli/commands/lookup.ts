import { parseArgs } from 'node:util';
import { loadLibrary } from '../../library/load.ts';
import { formatLookup, lookup } from '../../library/lookup.ts';

export const summary = '查模板库中某类项目的常用指标：lookup <关键词> [--json]';
const USAGE = '用法：perf-target lookup <关键词> [--json]，例如：perf-target lookup 社区矫正';

export async function run(args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { json: { type: 'boolean' } } });
  } catch (err) {
    console.error(`参数有误（${(err as Error).message}）\n${USAGE}`);
    return 2;
  }
  const keyword = parsed.positionals.join(' ').trim();
  if (!keyword) {
    console.error(USAGE);
    return 2;
  }
  const result = lookup(loadLibrary(), keyword);
  console.log(parsed.values.json ? JSON.stringify(result, null, 2) : formatLookup(result));
  return 0;
}
